/*
** Periods: their syntax, and the arithmetic the scorecard needs.
**
**   2026        a year            2026-09      a month
**   2026-H2     a half            2026-W38     an ISO week (Monday to Sunday)
**   2026-Q3     a quarter         2026-09-30   a day
**   YTD:2026-09 (asked for only, never stored) 1 January up to the end of
**               the period after the colon, which may be of any kind
**               (YTD:2026-W10 starts on the Monday of 2026-W01)
**
** In a map with a fiscal year (the setting fiscal_year_start, the month it
** starts; settings.c) the fiscal forms are periods too, written so that
** none reads as a calendar period:
**
**   FY2027      the fiscal year that ends in 2027 (starting April: from
**               2026-04-01 to 2027-03-31): a fiscal year is named by the
**               calendar year in which it ends
**   FY2027-H1   its first half (2026-04 to 2026-09)
**   FY2027-Q1   its first quarter (2026-04 to 2026-06)
**   YTD:FY2027-Q2  (asked for only) its start up to the end of FY2027-Q2
**   FYTD:2026-09   (asked for only) the start of the fiscal year that
**               holds 2026-09 up to the end of that month (or day)
**
** Which stored periods fall inside an asked-for one: a period lies inside
** another when all its days do (year > half > quarter > month > day). An ISO
** week straddles months and years, so it belongs to the year, half, quarter
** or month (and year to date) that holds its Thursday, as ISO 8601 assigns
** weeks to years; inside a week lie that week and its seven days; inside a
** day only that day.
**
** Everything here is pure: no SQLite state.
*/
#include "period.h"
SQLITE_EXTENSION_INIT3

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Reads 1..maxDigits decimal digits; returns the number of digits read. */
static int read_number(const char **pz, int maxDigits, int *pValue) {
  int n = 0, v = 0;
  while (n < maxDigits && isdigit((unsigned char)(*pz)[0])) {
    v = v * 10 + ((*pz)[0] - '0');
    (*pz)++;
    n++;
  }
  *pValue = v;
  return n;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int aDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : aDays[m - 1];
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
static int day_number(int y, int m, int d) {
  y -= m <= 2;
  int era = y / 400; /* years here are 1000..9999: never negative */
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The civil date of a day number (H. Hinnant's civil_from_days). */
void bsc_civil_date(int z, int *py, int *pm, int *pd) {
  z += 719468;
  int era = z / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  *pd = doy - (153 * mp + 2) / 5 + 1;
  *pm = mp < 10 ? mp + 3 : mp - 9;
  *py = yoe + era * 400 + (*pm <= 2);
}

/* 0 = Monday ... 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
static int weekday(int dayNumber) { return ((dayNumber % 7) + 10) % 7; }

/* The Monday of ISO week 1: the week that holds 4 January. */
static int iso_week1_monday(int y) {
  int jan4 = day_number(y, 1, 4);
  return jan4 - weekday(jan4);
}

/* An ISO year has 53 weeks when it starts on a Thursday, or is a leap
** year starting on a Wednesday. */
static int iso_weeks_in_year(int y) {
  int jan1 = weekday(day_number(y, 1, 1));
  return (jan1 == 3 || (jan1 == 2 && is_leap(y))) ? 53 : 52;
}

/* The first day of month index mi (months since the year 0: 12 * year +
** month - 1), and the last day of month index mi. */
static int month_first(int mi) { return day_number(mi / 12, mi % 12 + 1, 1); }
static int month_last(int mi) { return day_number(mi / 12, mi % 12 + 1, days_in_month(mi / 12, mi % 12 + 1)); }

/* The month index of the first month of fiscal year y (named by the
** calendar year in which it ends) that starts in month fy. */
static int fiscal_start(int y, int fy) { return 12 * (y - (fy > 1)) + fy - 1; }

/* A fiscal year, half or quarter, or a fiscal year to date (FYTD:2026-09,
** YTD:FY2027-Q2): its first and last day. */
static void set_fiscal_span(BscPeriod *p) {
  if (p->kind == BSC_PERIOD_MONTH || p->kind == BSC_PERIOD_DAY) {
    /* FYTD: a calendar month or day, from the start of its fiscal year */
    p->last = p->kind == BSC_PERIOD_DAY ? day_number(p->year, p->n, p->day) : month_last(12 * p->year + p->n - 1);
    p->first = month_first(12 * (p->year - (p->n < p->fy)) + p->fy - 1);
    return;
  }
  int len = p->kind == BSC_PERIOD_YEAR ? 12 : p->kind == BSC_PERIOD_HALF ? 6 : 3;
  int mi = fiscal_start(p->year, p->fy) + (p->kind == BSC_PERIOD_YEAR ? 0 : (p->n - 1) * len);
  p->first = p->ytd ? month_first(fiscal_start(p->year, p->fy)) : month_first(mi);
  p->last = month_last(mi + len - 1);
}

/* Fills first and last from kind, year, n and day. */
static void set_span(BscPeriod *p) {
  int y = p->year;
  if (p->fy) {
    set_fiscal_span(p);
    return;
  }
  switch (p->kind) {
    case BSC_PERIOD_YEAR:
      p->first = day_number(y, 1, 1);
      p->last = day_number(y, 12, 31);
      break;
    case BSC_PERIOD_HALF:
      p->first = day_number(y, p->n * 6 - 5, 1);
      p->last = day_number(y, p->n * 6, days_in_month(y, p->n * 6));
      break;
    case BSC_PERIOD_QUARTER:
      p->first = day_number(y, p->n * 3 - 2, 1);
      p->last = day_number(y, p->n * 3, days_in_month(y, p->n * 3));
      break;
    case BSC_PERIOD_MONTH:
      p->first = day_number(y, p->n, 1);
      p->last = day_number(y, p->n, days_in_month(y, p->n));
      break;
    case BSC_PERIOD_WEEK:
      p->first = iso_week1_monday(y) + 7 * (p->n - 1);
      p->last = p->first + 6;
      break;
    case BSC_PERIOD_DAY:
      p->first = p->last = day_number(y, p->n, p->day);
      break;
    case BSC_PERIOD_NONE: break;
  }
  /* year to date: from the first day of the year, for a week its ISO
  ** year's (the Monday of week 1), so that YTD:2026-W01 is 2026-W01 and
  ** YTD:2026-W53 ends the ISO year without taking in 2027's first days */
  if (p->ytd) p->first = p->kind == BSC_PERIOD_WEEK ? iso_week1_monday(y) : day_number(y, 1, 1);
}

/* A fiscal period after any "YTD:": FY2027, FY2027-H1, FY2027-Q1 (also
** "FY2027 Q1", "FY2027-K1"); or, after "FYTD:", a calendar month or day. */
static int parse_fiscal(const char *z, BscPeriod *p, int allowYtd, int fyStart) {
  int year, a;
  if (allowYtd && !p->ytd && sqlite3_strnicmp(z, "fytd:", 5) == 0) {
    BscPeriod cal;
    if (!bsc_period_parse(z + 5, &cal, 0) || (cal.kind != BSC_PERIOD_MONTH && cal.kind != BSC_PERIOD_DAY)) return 0;
    *p = cal;
    p->ytd = 1;
    p->fy = fyStart;
    set_span(p);
    return 1;
  }
  if (sqlite3_strnicmp(z, "fy", 2) != 0) return 0;
  z += 2;
  if (read_number(&z, 4, &year) != 4 || year < 1001) return 0;
  p->year = year;
  p->fy = fyStart;
  p->kind = BSC_PERIOD_YEAR;
  if (*z == '-' || (isspace((unsigned char)*z) && z[1])) {
    while (*z == '-' || isspace((unsigned char)*z)) z++;
    char c = (char)toupper((unsigned char)*z++);
    if (read_number(&z, 2, &a) == 0) return 0;
    p->n = a;
    if ((c == 'Q' || c == 'K') && a >= 1 && a <= 4) p->kind = BSC_PERIOD_QUARTER;
    else if (c == 'H' && a >= 1 && a <= 2) p->kind = BSC_PERIOD_HALF;
    else return 0;
  }
  while (isspace((unsigned char)*z)) z++;
  if (*z) return 0;
  set_span(p);
  return 1;
}

int bsc_period_is_fiscal(const char *in) {
  BscPeriod p;
  return bsc_period_parse_fy(in, &p, 1, 4) && p.fy;
}

int bsc_period_parse_fy(const char *in, BscPeriod *p, int allowYtd, int fyStart) {
  const char *z = in;
  memset(p, 0, sizeof(*p));
  if (!z || fyStart < 2 || fyStart > 12) return bsc_period_parse(in, p, allowYtd);
  while (isspace((unsigned char)*z)) z++;
  if (allowYtd && sqlite3_strnicmp(z, "ytd:", 4) == 0) {
    p->ytd = 1;
    z += 4;
    while (isspace((unsigned char)*z)) z++;
  }
  if (parse_fiscal(z, p, allowYtd, fyStart)) return 1;
  memset(p, 0, sizeof(*p));
  return bsc_period_parse(in, p, allowYtd);
}

int bsc_period_parse(const char *in, BscPeriod *p, int allowYtd) {
  const char *z = in;
  int year, a, b;
  memset(p, 0, sizeof(*p));
  if (!z) return 0;
  while (isspace((unsigned char)*z)) z++;
  if (allowYtd && sqlite3_strnicmp(z, "ytd:", 4) == 0) {
    p->ytd = 1;
    z += 4;
    while (isspace((unsigned char)*z)) z++;
  }
  /* "Q1 2026", "K1-2026", "H2 2026": the part first, the year after */
  char cFirst = (char)toupper((unsigned char)*z);
  if ((cFirst == 'Q' || cFirst == 'K' || cFirst == 'H') && isdigit((unsigned char)z[1])) {
    z++;
    if (read_number(&z, 2, &a) == 0 || (*z != '-' && !isspace((unsigned char)*z))) return 0;
    while (*z == '-' || isspace((unsigned char)*z)) z++;
    if (read_number(&z, 4, &year) != 4 || year < 1000) return 0;
    while (isspace((unsigned char)*z)) z++;
    if (*z) return 0;
    p->year = year;
    p->n = a;
    if (cFirst != 'H' && a >= 1 && a <= 4) p->kind = BSC_PERIOD_QUARTER;
    else if (cFirst == 'H' && a >= 1 && a <= 2) p->kind = BSC_PERIOD_HALF;
    else return 0;
    set_span(p);
    return 1;
  }
  if (read_number(&z, 4, &year) != 4 || year < 1000) return 0;
  p->year = year;
  /* "2026 Q1" as "2026-Q1" */
  const char *zPart = z;
  while (isspace((unsigned char)*zPart)) zPart++;
  int spaced = zPart != z && *zPart && strchr("QqKkHh", *zPart) && isdigit((unsigned char)zPart[1]);
  if (!spaced && (*z == 0 || isspace((unsigned char)*z))) {
    p->kind = BSC_PERIOD_YEAR;
  } else if (spaced || *z == '-') {
    z = spaced ? zPart : z + 1;
    char c = (char)toupper((unsigned char)*z);
    if (c == 'K') c = 'Q'; /* Dutch: kwartaal */
    if (c == 'Q' || c == 'H' || c == 'W') {
      z++;
      if (read_number(&z, 2, &a) == 0) return 0;
      p->n = a;
      if (c == 'Q' && a >= 1 && a <= 4) p->kind = BSC_PERIOD_QUARTER;
      else if (c == 'H' && a >= 1 && a <= 2) p->kind = BSC_PERIOD_HALF;
      else if (c == 'W' && a >= 1 && a <= iso_weeks_in_year(year)) p->kind = BSC_PERIOD_WEEK;
      else return 0;
    } else if (read_number(&z, 2, &a) > 0 && a >= 1 && a <= 12) {
      p->n = a;
      p->kind = BSC_PERIOD_MONTH;
      if (*z == '-') {
        z++;
        if (read_number(&z, 2, &b) == 0 || b < 1 || b > days_in_month(year, a)) return 0;
        p->day = b;
        p->kind = BSC_PERIOD_DAY;
      }
    } else {
      return 0;
    }
  }
  while (isspace((unsigned char)*z)) z++;
  if (*z != 0 || p->kind == BSC_PERIOD_NONE) {
    p->kind = BSC_PERIOD_NONE;
    return 0;
  }
  set_span(p);
  return 1;
}

void bsc_period_format(const BscPeriod *p, char out[BSC_PERIOD_MAX]) {
  /* The % 10000 and % 100 tell the compiler the text fits. */
  unsigned y = (unsigned)p->year % 10000u, n = (unsigned)p->n % 100u;
  const char *zYtd = p->ytd ? "YTD:" : "";
  if (p->fy) {
    switch (p->kind) {
      case BSC_PERIOD_YEAR: snprintf(out, BSC_PERIOD_MAX, "%sFY%04u", zYtd, y); return;
      case BSC_PERIOD_HALF: snprintf(out, BSC_PERIOD_MAX, "%sFY%04u-H%u", zYtd, y, n); return;
      case BSC_PERIOD_QUARTER: snprintf(out, BSC_PERIOD_MAX, "%sFY%04u-Q%u", zYtd, y, n); return;
      case BSC_PERIOD_MONTH: snprintf(out, BSC_PERIOD_MAX, "FYTD:%04u-%02u", y, n); return;
      case BSC_PERIOD_DAY:
        snprintf(out, BSC_PERIOD_MAX, "FYTD:%04u-%02u-%02u", y, n, (unsigned)p->day % 100u);
        return;
      default: break;
    }
  }
  switch (p->kind) {
    case BSC_PERIOD_YEAR: snprintf(out, BSC_PERIOD_MAX, "%s%04u", zYtd, y); break;
    case BSC_PERIOD_HALF: snprintf(out, BSC_PERIOD_MAX, "%s%04u-H%u", zYtd, y, n); break;
    case BSC_PERIOD_QUARTER: snprintf(out, BSC_PERIOD_MAX, "%s%04u-Q%u", zYtd, y, n); break;
    case BSC_PERIOD_MONTH: snprintf(out, BSC_PERIOD_MAX, "%s%04u-%02u", zYtd, y, n); break;
    case BSC_PERIOD_WEEK: snprintf(out, BSC_PERIOD_MAX, "%s%04u-W%02u", zYtd, y, n); break;
    case BSC_PERIOD_DAY:
      snprintf(out, BSC_PERIOD_MAX, "%s%04u-%02u-%02u", zYtd, y, n, (unsigned)p->day % 100u);
      break;
    case BSC_PERIOD_NONE: out[0] = 0; break;
  }
}

BscPeriodKind bsc_period_normalize(const char *in, char out[BSC_PERIOD_MAX]) {
  BscPeriod p;
  if (!bsc_period_parse(in, &p, 0)) return BSC_PERIOD_NONE;
  bsc_period_format(&p, out);
  return p.kind;
}

int bsc_period_contains(const BscPeriod *pOuter, const BscPeriod *pInner) {
  if (pInner->ytd) return 0; /* never stored */
  if (pOuter->kind == BSC_PERIOD_WEEK && !pOuter->ytd) {
    if (pInner->kind == BSC_PERIOD_WEEK) return pInner->first == pOuter->first;
    return pInner->kind == BSC_PERIOD_DAY && pInner->first >= pOuter->first &&
           pInner->last <= pOuter->last;
  }
  if (pInner->kind == BSC_PERIOD_WEEK) {
    if (pOuter->kind == BSC_PERIOD_DAY && !pOuter->ytd) return 0;
    int thursday = pInner->first + 3;
    return thursday >= pOuter->first && thursday <= pOuter->last;
  }
  return pInner->first >= pOuter->first && pInner->last <= pOuter->last;
}

void bsc_period_of_day(BscPeriodKind kind, int day, BscPeriod *p) {
  int y, m, d;
  memset(p, 0, sizeof(*p));
  bsc_civil_date(day, &y, &m, &d);
  p->kind = kind;
  p->year = y;
  switch (kind) {
    case BSC_PERIOD_YEAR: break;
    case BSC_PERIOD_HALF: p->n = (m + 5) / 6; break;
    case BSC_PERIOD_QUARTER: p->n = (m + 2) / 3; break;
    case BSC_PERIOD_MONTH: p->n = m; break;
    case BSC_PERIOD_WEEK: {
      /* a week belongs to the ISO year of its Thursday */
      int thursday = day - weekday(day) + 3;
      bsc_civil_date(thursday, &y, &m, &d);
      p->year = y;
      p->n = (thursday - iso_week1_monday(y)) / 7 + 1;
      break;
    }
    case BSC_PERIOD_DAY:
      p->n = m;
      p->day = d;
      break;
    case BSC_PERIOD_NONE: return;
  }
  set_span(p);
}

void bsc_period_previous(const BscPeriod *p, BscPeriod *pPrev) {
  *pPrev = *p;
  switch (p->kind) {
    case BSC_PERIOD_YEAR: pPrev->year--; break;
    case BSC_PERIOD_HALF:
    case BSC_PERIOD_QUARTER:
    case BSC_PERIOD_MONTH:
    case BSC_PERIOD_WEEK:
      if (--pPrev->n == 0) {
        pPrev->year--;
        pPrev->n = p->kind == BSC_PERIOD_HALF      ? 2
                   : p->kind == BSC_PERIOD_QUARTER ? 4
                   : p->kind == BSC_PERIOD_MONTH   ? 12
                                                   : iso_weeks_in_year(pPrev->year);
      }
      break;
    case BSC_PERIOD_DAY: bsc_civil_date(p->last - 1, &pPrev->year, &pPrev->n, &pPrev->day); break;
    case BSC_PERIOD_NONE: return;
  }
  if (pPrev->year < 1000) {
    pPrev->kind = BSC_PERIOD_NONE;
    return;
  }
  set_span(pPrev);
}

BscPeriodKind bsc_frequency_kind(const char *zFrequency) {
  static const BscPeriodKind aKind[] = {BSC_PERIOD_MONTH, BSC_PERIOD_QUARTER, BSC_PERIOD_YEAR,
                                        BSC_PERIOD_WEEK,  BSC_PERIOD_DAY,     BSC_PERIOD_HALF};
  int i = bsc_vocab_rank(&bscFrequencies, zFrequency);
  return i < 0 ? BSC_PERIOD_NONE : aKind[i];
}

int bsc_period_latest_fy(BscPeriodKind kind, int lastDay, int fyStart, BscPeriod *p) {
  int y, m, d;
  if (fyStart < 2 || fyStart > 12 || kind < BSC_PERIOD_YEAR || kind > BSC_PERIOD_QUARTER) {
    return bsc_period_latest(kind, lastDay, p);
  }
  memset(p, 0, sizeof(*p));
  bsc_civil_date(lastDay, &y, &m, &d);
  /* the fiscal period that holds the day */
  int offset = (m - fyStart + 12) % 12;
  p->kind = kind;
  p->fy = fyStart;
  p->year = m >= fyStart ? y + 1 : y;
  p->n = kind == BSC_PERIOD_HALF ? offset / 6 + 1 : kind == BSC_PERIOD_QUARTER ? offset / 3 + 1 : 0;
  if (p->year < 1001 || p->year > 9999) return 0;
  set_span(p);
  if (p->last > lastDay) bsc_period_previous(p, p);
  return p->kind != BSC_PERIOD_NONE;
}

int bsc_period_latest(BscPeriodKind kind, int lastDay, BscPeriod *p) {
  int y, m, d;
  memset(p, 0, sizeof(*p));
  bsc_civil_date(lastDay, &y, &m, &d);
  p->kind = kind;
  p->year = y;
  switch (kind) {
    case BSC_PERIOD_YEAR: break;
    case BSC_PERIOD_HALF: p->n = (m - 1) / 6 + 1; break;
    case BSC_PERIOD_QUARTER: p->n = (m - 1) / 3 + 1; break;
    case BSC_PERIOD_MONTH: p->n = m; break;
    case BSC_PERIOD_DAY: p->n = m, p->day = d; break;
    case BSC_PERIOD_WEEK: {
      /* the ISO week that holds the day: its year is its Thursday's */
      int thursday = lastDay - weekday(lastDay) + 3, dm, dd;
      bsc_civil_date(thursday, &p->year, &dm, &dd);
      p->n = (thursday - iso_week1_monday(p->year)) / 7 + 1;
      break;
    }
    case BSC_PERIOD_NONE: return 0;
  }
  if (p->year < 1000 || p->year > 9999) return 0;
  set_span(p);
  /* the period that holds the day has not ended yet: the one before */
  if (p->last > lastDay) bsc_period_previous(p, p);
  return p->kind != BSC_PERIOD_NONE;
}

int bsc_period_compare(const BscPeriod *a, const BscPeriod *b) {
  if (a->last != b->last) return a->last < b->last ? -1 : 1;
  if (a->first != b->first) return a->first < b->first ? -1 : 1;
  return 0;
}

/* ------------------------------------------------------------ aggregation */

double bsc_aggregate(BscAggregation agg, const double *a, int n) {
  double r = NAN;
  int nUsed = 0;
  for (int i = 0; i < n; i++) {
    if (isnan(a[i])) continue;
    if (nUsed++ == 0) {
      r = a[i];
      continue;
    }
    switch (agg) {
      case BSC_AGG_SUM:
      case BSC_AGG_AVERAGE: r += a[i]; break;
      case BSC_AGG_LAST: r = a[i]; break;
      case BSC_AGG_MIN: r = a[i] < r ? a[i] : r; break;
      case BSC_AGG_MAX: r = a[i] > r ? a[i] : r; break;
    }
  }
  if (agg == BSC_AGG_AVERAGE && nUsed > 0) r /= nUsed;
  return r;
}
