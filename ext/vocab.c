/*
** The domain's closed vocabularies (Kaplan & Norton's perspectives, process
** clusters and their standard sub-processes, and the KPI and objective
** enumerations). Everything here is pure: no SQLite state. Periods live in
** period.c.
*/
#include "vocab.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <ctype.h>
#include <string.h>

/* Bottom-to-top order would be natural for causality, but every report
** reads top to bottom, so the rank of a perspective is its row from the top. */
static const BscWord aPerspective[] = {
  {"financial", "Financial", "f|finance|financieel|financiele|financiële|financiën", 0, 0},
  {"customer", "Customer",
   "c|klant|klanten|customers|klantperspectief|klant en markt|klant en marktperspectief|"
   "klanten en markten|"
   /* the customer of a hospital, a municipality, a charity */
   "patient|patients|patiënt|patiënten|patienten|client|clients|cliënt|cliënten|"
   "citizen|citizens|burger|burgers",
   0, 0},
  {"internal", "Internal process",
   "i|internal process|internal processes|process|processes|interne processen|"
   "interne processen perspectief|intern|procesperspectief|interne bedrijfsprocessen|"
   /* Kaplan & Norton's own name in 1996 */
   "internal business process|internal business processes|business processes|bedrijfsprocessen",
   0, 0},
  {"learning", "Learning & growth",
   "l|learning & growth|learning and growth|leren en groeien|leren & groei|"
   "leren en groei|leren & groeien|growth|leer en groei|leer en groeiperspectief|"
   "leren en groeiperspectief|"
   "medewerkers|medewerker|personeel|people|employees|innovatie en leren|"
   "leren en innovatie|innovation and learning|learning and innovation|leren en ontwikkelen",
   0, 0},
  /* optional: a public-sector map's top, above the others unless the
  ** setting perspective_order places it (settings.c); last, so that the
  ** four keep the ranks 0.1 gave them */
  {"mission", "Mission",
   "m|missie|mission and vision|missie en visie|purpose|impact|maatschappelijk effect|"
   "maatschappelijke effecten|maatschappelijke opgave",
   0, 0},
};
/* "Customer perspective", "het financiële perspectief" */
const BscVocab bscPerspectives = {"perspective", BSC_N_PERSP, aPerspective, "perspective|perspectief"};

static const BscWord aCluster[] = {
  {"operations", "Operations management",
   "operations management|operational|operationele processen|operationeel|ops|operationele", 0,
   "6-12 months"},
  {"customer_management", "Customer management",
   "customer management|crm|klantmanagement|klantmanagement & crm|"
   "klantmanagement processen|klantmanagementprocessen",
   0, "12-24 months"},
  {"innovation", "Innovation", "innovatieve processen|innovatie|innovative|innovatieve|innovatieprocessen",
   0, "24-48 months"},
  {"regulatory_social", "Regulatory & social",
   "regulatory and social|regulatory & social|social|regulatory|"
   "sociale en maatschappelijke processen|maatschappelijk|sociale en maatschappelijke|"
   "sociale & maatschappelijke|maatschappelijke|sociale|sociaal",
   0, "12-24 months"},
};
/* Kaplan & Norton's names: "Innovation processes", "operationele processen" */
const BscVocab bscClusters = {"cluster", 4, aCluster, "processes|process|processen|proces"};

static const BscWord aSubprocess[] = {
  /* Dutch: the names the user's source (seed/) gives Kaplan & Norton's
  ** sub-processes, and the usual short forms */
  {"supply", "Develop supplier relationships",
   "suppliers|supplier relationships|leveranciers|leveranciersrelaties|leveranciersrelaties ontwikkelen|inkoop",
   "operations", 0},
  {"produce", "Produce products and services", "production|productie|produceren|producten en diensten produceren", "operations",
   0},
  {"distribute", "Distribute to customers", "distribution|distributie|levering|leveren|leveren aan klanten", "operations",
   0},
  {"risk", "Manage risk", "risk management|risicomanagement|risicobeheer|risico", "operations", 0},
  {"select", "Select customers", "selection|selecteren|klantselectie|selecteren van de klanten",
   "customer_management", 0},
  {"acquire", "Acquire customers",
   "acquisition|acquireren|acquisitie|klantacquisitie|acquireren van geselecteerde klanten",
   "customer_management", 0},
  {"retain", "Retain customers", "retention|behouden|klanten behouden|klantbehoud", "customer_management", 0},
  {"grow", "Grow business with customers",
   "growth|cross selling|omzet en afzet verhogen|omzet en afzet verhogen bij de bestaande klanten",
   "customer_management", 0},
  {"opportunities", "Identify opportunities",
   "identify|kansen identificeren|identificeren van mogelijkheden en kansen", "innovation", 0},
  {"portfolio", "Manage the R&D portfolio", "r&d portfolio|managen van de r&d portfolio", "innovation", 0},
  {"develop", "Design and develop",
   "design|design and development|ontwerpen en ontwikkelen|ontwerpen|ontwikkelen", "innovation", 0},
  {"launch", "Launch", "bring to market|op de markt zetten|lanceren|lancering", "innovation", 0},
  {"environment", "Environment", "milieu", "regulatory_social", 0},
  {"health_safety", "Health and safety",
   "health & safety|safety|gezondheid en veiligheid|gezondheid & veiligheid|veiligheid",
   "regulatory_social", 0},
  {"employment", "Employment", "werkgeverschap|goed werkgeverschap|werkgelegenheid", "regulatory_social", 0},
  {"community", "Community",
   "gemeenschap|maatschappij|maatschappelijke verantwoordelijkheid", "regulatory_social", 0},
};
const BscVocab bscSubprocesses = {"sub-process", 16, aSubprocess, 0};

static const BscWord aSign[] = {
  {"positive", "Positive", "+|pos|plus|positief", 0, 0},
  {"negative", "Negative", "-|neg|minus|negatief", 0, 0},
};
const BscVocab bscSigns = {"sign", 2, aSign, 0};

static const BscWord aPolarity[] = {
  {"higher", "Higher is better", "higher is better|up|max|maximise|maximize|hoger|hoger is beter", 0, 0},
  {"lower", "Lower is better", "lower is better|down|min|minimise|minimize|lager|lager is beter", 0, 0},
  {"range", "Best inside a range", "target|band|within range|bandbreedte|binnen bandbreedte", 0, 0},
};
const BscVocab bscPolarities = {"polarity", 3, aPolarity, 0};

static const BscWord aFrequency[] = {
  {"month", "Monthly", "monthly|m|maand|maandelijks|per maand", 0, 0},
  {"quarter", "Quarterly", "quarterly|q|kwartaal|per kwartaal|driemaandelijks", 0, 0},
  {"year", "Yearly", "yearly|annual|annually|y|jaar|jaarlijks|per jaar", 0, 0},
  /* periods come in weeks and days too, so KPIs may be measured so often */
  {"week", "Weekly", "weekly|w|week|wekelijks|per week", 0, 0},
  {"day", "Daily", "daily|d|dag|dagelijks|per dag", 0, 0},
  {"half", "Half-yearly", "half-yearly|half yearly|semiannual|h|halfjaar|halfjaarlijks", 0, 0},
};
const BscVocab bscFrequencies = {"frequency", 6, aFrequency, 0};

/* The keys of the settings table (entity.c checks their values). */
static const BscWord aSetting[] = {
  {"finer_periods", "At a period finer than a KPI's frequency",
   "finer period|fijnere perioden|kortere perioden", 0, "unscored or latest"},
  {"language", "Language of labels", "lang|taal", 0, "en or nl"},
  {"number_format", "Number format of text input", "number format|getalnotatie|notatie", 0, "en or nl"},
  {"perspective_order", "The perspectives from top to bottom",
   "order|perspective order|perspectives|volgorde|perspectieven|volgorde perspectieven", 0,
   "financial, customer, internal and learning once each, top to bottom, and mission if you like"},
  {"outcomes", "The perspectives whose objectives are the map's outcomes",
   "outcome|outcome perspectives|uitkomsten|resultaatgebieden", 0, "one or more perspectives"},
  {"fiscal_year_start", "The month the fiscal year starts",
   "fiscal year|fiscal year start|financial year start|boekjaar|begin boekjaar|start boekjaar", 0,
   "a month from 2 to 12"},
};
const BscVocab bscSettings = {"setting", 6, aSetting, 0};

/* Labels in Dutch (the setting language 'nl'), by id: perspectives,
** clusters (with their horizons) and sub-processes. */
static const char *const azDutch[][3] = {
  {"financial", "Financieel", 0},
  {"customer", "Klant", 0},
  {"internal", "Interne processen", 0},
  {"learning", "Leren en groeien", 0},
  {"mission", "Missie", 0},
  {"operations", "Operationele processen", "6-12 maanden"},
  {"customer_management", "Klantmanagementprocessen", "12-24 maanden"},
  {"innovation", "Innovatieprocessen", "24-48 maanden"},
  {"regulatory_social", "Sociale en maatschappelijke processen", "12-24 maanden"},
  /* the sub-processes: Dutch names that are also their spellings above,
  ** so that a label typed back in is that sub-process */
  {"supply", "Leveranciersrelaties ontwikkelen", 0},
  {"produce", "Producten en diensten produceren", 0},
  {"distribute", "Leveren aan klanten", 0},
  {"risk", "Risicomanagement", 0},
  {"select", "Selecteren van de klanten", 0},
  {"acquire", "Acquireren van geselecteerde klanten", 0},
  {"retain", "Klanten behouden", 0},
  {"grow", "Omzet en afzet verhogen bij de bestaande klanten", 0},
  {"opportunities", "Identificeren van mogelijkheden en kansen", 0},
  {"portfolio", "Managen van de R&D portfolio", 0},
  {"develop", "Ontwerpen en ontwikkelen", 0},
  {"launch", "Op de markt zetten", 0},
  {"environment", "Milieu", 0},
  {"health_safety", "Gezondheid en veiligheid", 0},
  {"employment", "Goed werkgeverschap", 0},
  {"community", "Gemeenschap", 0},
};

static const char *const *dutch(const BscWord *w) {
  for (size_t i = 0; i < sizeof(azDutch) / sizeof(azDutch[0]); i++) {
    if (strcmp(azDutch[i][0], w->id) == 0) return azDutch[i];
  }
  return 0;
}

const char *bsc_word_label(const BscWord *w, int nl) {
  const char *const *a = nl ? dutch(w) : 0;
  return a ? a[1] : w->label;
}

const char *bsc_word_extra(const BscWord *w, int nl) {
  const char *const *a = nl ? dutch(w) : 0;
  return a && a[2] ? a[2] : w->extra;
}


static const BscWord aAggregation[] = {
  {"sum", "Sum", "total|som|totaal", 0, 0},
  {"average", "Average", "avg|mean|gemiddelde|gemiddeld", 0, 0},
  {"last", "Last value", "latest|laatste|laatste waarde", 0, 0},
  {"min", "Minimum", "minimum", 0, 0},
  {"max", "Maximum", "maximum", 0, 0},
};
const BscVocab bscAggregations = {"aggregation", 5, aAggregation, 0};

/* How an objective's score comes from its KPIs' (score.c, bsc_rollup). */
static const BscWord aRollup[] = {
  {"weighted", "Weighted average", "weighted average|average|avg|mean|gewogen|gewogen gemiddelde", 0, 0},
  {"worst", "Worst KPI", "min|minimum|lowest|worst kpi|slechtste", 0, 0},
  {"best", "Best KPI", "max|maximum|highest|best kpi|beste", 0, 0},
  /* a group objective's score from the unit objectives aligned with it */
  {"aligned", "Aligned units", "units|cascaded|cascade|roll up units|alignment|eenheden|uitgelijnd", 0, 0},
};
const BscVocab bscRollups = {"roll-up", 4, aRollup, 0};

/* Where an initiative stands (its own word; its schedule is derived). */
static const BscWord aInitiativeStatus[] = {
  {"planned", "Planned", "plan|proposed|not started|to do|todo|gepland|voorgesteld|nog niet gestart", 0, 0},
  {"active", "Active",
   "in progress|ongoing|running|started|underway|doing|actief|lopend|loopt|in uitvoering|gestart", 0, 0},
  {"done", "Done", "completed|complete|finished|closed|delivered|afgerond|gereed|klaar|voltooid", 0, 0},
  {"stopped", "Stopped",
   "cancelled|canceled|abandoned|halted|on hold|paused|gestopt|geannuleerd|afgebroken|gestaakt", 0, 0},
};
const BscVocab bscInitiativeStatuses = {"initiative status", 4, aInitiativeStatus, 0};

/* Whether a period's commentary is still being written or is published. */
static const BscWord aCommentStatus[] = {
  {"draft", "Draft", "concept|in review|for review|review|ontwerp|in behandeling", 0, 0},
  {"approved", "Approved", "final|published|accepted|signed off|goedgekeurd|vastgesteld|definitief", 0, 0},
};
const BscVocab bscCommentStatuses = {"commentary status", 2, aCommentStatus, 0};

/* Compares two spellings, ignoring ASCII case, and treating runs of ' ',
** '_' and '-' as one separator; leading and trailing separators and the
** length limit n (for one alias inside a "|" list) are honoured. */
static int is_separator(char c) { return c == ' ' || c == '_' || c == '-' || c == '\t'; }

static int same_spelling(const char *a, const char *b, size_t nb) {
  const char *be = b + nb;
  while (is_separator(*a)) a++;
  while (b < be && is_separator(*b)) b++;
  while (*a && b < be) {
    if (is_separator(*a) && is_separator(*b)) {
      while (is_separator(*a)) a++;
      while (b < be && is_separator(*b)) b++;
      if (!*a || b == be) break;
      continue;
    }
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
    a++;
    b++;
  }
  while (is_separator(*a)) a++;
  while (b < be && is_separator(*b)) b++;
  return *a == 0 && b == be;
}

/* The word `text` spells exactly: its id, label or an alias. */
static const BscWord *find_spelling(const BscVocab *v, const char *text) {
  for (int i = 0; i < v->n; i++) {
    const BscWord *w = &v->a[i];
    if (same_spelling(text, w->id, strlen(w->id))) return w;
    if (same_spelling(text, w->label, strlen(w->label))) return w;
    for (const char *p = w->aliases; p && *p;) {
      const char *end = strchr(p, '|');
      size_t n = end ? (size_t)(end - p) : strlen(p);
      /* a one-character alias ("+", "-") is itself a separator-free token */
      if (n == 1 && is_separator(*p)) {
        if (text[0] == *p && text[1] == 0) return w;
      } else if (n > 0 && same_spelling(text, p, n)) {
        return w;
      }
      p = end ? end + 1 : p + n;
    }
  }
  return 0;
}

const BscWord *bsc_vocab_find(const BscVocab *v, const char *text) {
  if (!text) return 0;
  const BscWord *w = find_spelling(v, text);
  /* else a spelling followed by one of the tails, as its own word */
  for (const char *t = v->tails; !w && t && *t;) {
    const char *end = strchr(t, '|');
    size_t nt = end ? (size_t)(end - t) : strlen(t), n = strlen(text);
    while (n && is_separator(text[n - 1])) n--;
    if (n > nt && same_spelling(text + n - nt, t, nt) && is_separator(text[n - nt - 1])) {
      char zHead[80];
      n -= nt;
      if (n < sizeof(zHead)) {
        memcpy(zHead, text, n);
        zHead[n] = 0;
        w = find_spelling(v, zHead);
      }
    }
    t = end ? end + 1 : t + nt;
  }
  return w;
}

int bsc_vocab_rank(const BscVocab *v, const char *id) {
  for (int i = 0; id && i < v->n; i++) {
    if (strcmp(v->a[i].id, id) == 0) return i;
  }
  return -1;
}

char *bsc_vocab_list(const BscVocab *v, const char *group) {
  sqlite3_str *s = sqlite3_str_new(0);
  int nOut = 0, nAll = 0;
  for (int i = 0; i < v->n; i++) {
    if (!group || (v->a[i].group && strcmp(v->a[i].group, group) == 0)) nAll++;
  }
  for (int i = 0; i < v->n; i++) {
    if (group && !(v->a[i].group && strcmp(v->a[i].group, group) == 0)) continue;
    nOut++;
    if (nOut > 1) sqlite3_str_appendall(s, nOut == nAll ? " or " : ", ");
    sqlite3_str_appendall(s, v->a[i].id);
  }
  return sqlite3_str_finish(s);
}

/* ---------------------------------------------------------- settings */

/* The values each key takes: the stored word, then its other spellings. */
static const char *const azFiner[] = {"unscored", "unscored|none|asked|niet", "latest",
                                      "latest|latest complete|laatste|laatst|last"};
static const char *const azLanguage[] = {"en", "en|english|engels", "nl", "nl|dutch|nederlands"};
/* fiscal_year_start: a month from February (January is the calendar year) */
static const char *const azMonth[] = {
  "2", "2|02|february|feb|februari",  "3", "3|03|march|mar|maart",        "4", "4|04|april|apr",
  "5", "5|05|may|mei",                "6", "6|06|june|jun|juni",          "7", "7|07|july|jul|juli",
  "8", "8|08|august|aug|augustus",    "9", "9|09|september|sep|sept",     "10", "10|october|oct|oktober|okt",
  "11", "11|november|nov",            "12", "12|december|dec"};

/* The stored word that zValue spells among the n pairs of az, or NULL. */
static const char *find_value(const char *const *az, int n, const char *zValue) {
  for (int i = 0; i < n; i++) {
    const char *p = az[2 * i + 1];
    while (*p) {
      const char *end = strchr(p, '|');
      size_t len = end ? (size_t)(end - p) : strlen(p);
      if (strlen(zValue) == len && sqlite3_strnicmp(zValue, p, (int)len) == 0) return az[2 * i];
      p = end ? end + 1 : p + len;
    }
  }
  return 0;
}

/* perspective_order and outcomes: a list of perspectives (',', ';' or '>'
** between them), each named at most once, stored as their ids joined by
** commas; perspective_order names the four of 0.1 once each. */
static char *check_perspectives(const char *zColumn, const char *zKey, const char *zValue, char **pzOut) {
  int bOrder = strcmp(zKey, "perspective_order") == 0, aSeen[BSC_N_PERSP] = {0};
  sqlite3_str *s = sqlite3_str_new(0);
  char *zMsg = 0;
  for (const char *p = zValue;;) {
    size_t n = strcspn(p, ",;>");
    char zItem[80];
    const BscWord *w = 0;
    if (n < sizeof(zItem)) {
      memcpy(zItem, p, n);
      zItem[n] = 0;
      w = bsc_vocab_find(&bscPerspectives, zItem);
    }
    if (!w) {
      char *zList = bsc_vocab_list(&bscPerspectives, 0);
      char *zQuoted = sqlite3_mprintf("'%.*q'", (int)n, p);
      zMsg = sqlite3_mprintf("bsc: %s: %s in setting %s is not a perspective; use %s", zColumn,
                             zQuoted ? zQuoted : "", zKey, zList ? zList : "");
      sqlite3_free(zList);
      sqlite3_free(zQuoted);
      break;
    }
    int i = (int)(w - bscPerspectives.a);
    if (aSeen[i]++) {
      zMsg = sqlite3_mprintf("bsc: %s: setting %s names %s twice; name each perspective once", zColumn, zKey,
                             w->id);
      break;
    }
    sqlite3_str_appendf(s, "%s%s", sqlite3_str_length(s) ? "," : "", w->id);
    if (!p[n]) break;
    p += n + 1;
  }
  for (int i = 0; bOrder && !zMsg && i < BSC_MISSION; i++) {
    if (aSeen[i]) continue;
    zMsg = sqlite3_mprintf("bsc: %s: setting perspective_order leaves out %s; name financial, customer, "
                           "internal and learning once each, top to bottom, and mission if the map has it",
                           zColumn, bscPerspectives.a[i].id);
  }
  char *zOut = sqlite3_str_finish(s);
  if (zMsg) sqlite3_free(zOut);
  else *pzOut = zOut;
  return zMsg;
}

int bsc_perspective_list(const char *zList, int *aOut) {
  int n = 0;
  for (const char *p = zList; p && *p && n < BSC_N_PERSP;) {
    size_t len = strcspn(p, ",");
    for (int i = 0; i < BSC_N_PERSP; i++) {
      if (strlen(bscPerspectives.a[i].id) == len && strncmp(bscPerspectives.a[i].id, p, len) == 0) {
        aOut[n++] = i;
      }
    }
    p += len + (p[len] != 0);
  }
  return n;
}

char *bsc_setting_check(const char *zColumn, const char *zKey, const char *zValue, char **pzOut) {
  const char *zWord = 0, *zUse = "";
  if (strcmp(zKey, "perspective_order") == 0 || strcmp(zKey, "outcomes") == 0) {
    return check_perspectives(zColumn, zKey, zValue, pzOut);
  }
  char zTrim[64];
  size_t n = strlen(zValue);
  *pzOut = 0;
  while (n && isspace((unsigned char)zValue[n - 1])) n--;
  while (n && isspace((unsigned char)*zValue)) zValue++, n--;
  if (n < sizeof(zTrim)) {
    memcpy(zTrim, zValue, n);
    zTrim[n] = 0;
    if (strcmp(zKey, "finer_periods") == 0) {
      zWord = find_value(azFiner, 2, zTrim);
      zUse = "unscored or latest";
    } else if (strcmp(zKey, "fiscal_year_start") == 0) {
      zWord = find_value(azMonth, 11, zTrim);
      zUse = "a month from 2 to 12, as 4 or april for a fiscal year from April (delete the setting for the "
             "calendar year)";
    } else if (strcmp(zKey, "language") == 0 || strcmp(zKey, "number_format") == 0) {
      zWord = find_value(azLanguage, 2, zTrim);
      zUse = "en or nl";
    }
  }
  if (zWord) {
    *pzOut = sqlite3_mprintf("%s", zWord);
    return 0;
  }
  char *zQuoted = bsc_quote_text(zValue);
  char *zMsg = sqlite3_mprintf("bsc: %s: %s is not a value of setting %s; use %s", zColumn,
                               zQuoted ? zQuoted : "", zKey, zUse);
  sqlite3_free(zQuoted);
  return zMsg;
}
