/*
** The domain's closed vocabularies (Kaplan & Norton's perspectives, process
** clusters and their standard sub-processes, and the KPI and objective
** enumerations). Everything here is pure: no SQLite state. Periods live in
** period.c.
*/
#include "bsc.h"
SQLITE_EXTENSION_INIT3

#include <ctype.h>
#include <string.h>

/* Bottom-to-top order would be natural for causality, but every report
** reads top to bottom, so the rank of a perspective is its row from the top. */
static const BscWord aPerspective[] = {
  {"financial", "Financial", "f|finance|financieel|financiele|financiële", 0, 0},
  {"customer", "Customer", "c|klant|klanten|customers|klantperspectief", 0, 0},
  {"internal", "Internal process",
   "i|internal process|internal processes|process|processes|interne processen|"
   "interne processen perspectief|intern",
   0, 0},
  {"learning", "Learning & growth",
   "l|learning & growth|learning and growth|leren en groeien|leren & groei|"
   "leren en groei|leren & groeien|growth",
   0, 0},
};
const BscVocab bscPerspectives = {"perspective", 4, aPerspective};

static const BscWord aCluster[] = {
  {"operations", "Operations management",
   "operations management|operational|operationele processen|operationeel|ops", 0,
   "6-12 months"},
  {"customer_management", "Customer management",
   "customer management|crm|klantmanagement|klantmanagement & crm|"
   "klantmanagement processen",
   0, "12-24 months"},
  {"innovation", "Innovation", "innovatieve processen|innovatie|innovative", 0,
   "24-48 months"},
  {"regulatory_social", "Regulatory & social",
   "regulatory and social|regulatory & social|social|regulatory|"
   "sociale en maatschappelijke processen|maatschappelijk",
   0, "12-24 months"},
};
const BscVocab bscClusters = {"cluster", 4, aCluster};

static const BscWord aSubprocess[] = {
  {"supply", "Develop supplier relationships", "suppliers|supplier relationships", "operations", 0},
  {"produce", "Produce products and services", "production", "operations", 0},
  {"distribute", "Distribute to customers", "distribution", "operations", 0},
  {"risk", "Manage risk", "risk management", "operations", 0},
  {"select", "Select customers", "selection", "customer_management", 0},
  {"acquire", "Acquire customers", "acquisition", "customer_management", 0},
  {"retain", "Retain customers", "retention", "customer_management", 0},
  {"grow", "Grow business with customers", "growth|cross selling", "customer_management", 0},
  {"opportunities", "Identify opportunities", "identify", "innovation", 0},
  {"portfolio", "Manage the R&D portfolio", "r&d portfolio", "innovation", 0},
  {"develop", "Design and develop", "design|design and development", "innovation", 0},
  {"launch", "Launch", "bring to market", "innovation", 0},
  {"environment", "Environment", "", "regulatory_social", 0},
  {"health_safety", "Health and safety", "health & safety|safety", "regulatory_social", 0},
  {"employment", "Employment", "", "regulatory_social", 0},
  {"community", "Community", "", "regulatory_social", 0},
};
const BscVocab bscSubprocesses = {"sub-process", 16, aSubprocess};

static const BscWord aSign[] = {
  {"positive", "Positive", "+|pos|plus", 0, 0},
  {"negative", "Negative", "-|neg|minus", 0, 0},
};
const BscVocab bscSigns = {"sign", 2, aSign};

static const BscWord aPolarity[] = {
  {"higher", "Higher is better", "higher is better|up|max|maximise|maximize", 0, 0},
  {"lower", "Lower is better", "lower is better|down|min|minimise|minimize", 0, 0},
  {"range", "Best inside a range", "target|band|within range", 0, 0},
};
const BscVocab bscPolarities = {"polarity", 3, aPolarity};

static const BscWord aFrequency[] = {
  {"month", "Monthly", "monthly|m", 0, 0},
  {"quarter", "Quarterly", "quarterly|q", 0, 0},
  {"year", "Yearly", "yearly|annual|annually|y", 0, 0},
};
const BscVocab bscFrequencies = {"frequency", 3, aFrequency};

static const BscWord aAggregation[] = {
  {"sum", "Sum", "total", 0, 0},
  {"average", "Average", "avg|mean", 0, 0},
  {"last", "Last value", "latest", 0, 0},
  {"min", "Minimum", "minimum", 0, 0},
  {"max", "Maximum", "maximum", 0, 0},
};
const BscVocab bscAggregations = {"aggregation", 5, aAggregation};

/* How an objective's score comes from its KPIs' (score.c, bsc_rollup). */
static const BscWord aRollup[] = {
  {"weighted", "Weighted average", "weighted average|average|avg|mean", 0, 0},
  {"worst", "Worst KPI", "min|minimum|lowest|worst kpi", 0, 0},
  {"best", "Best KPI", "max|maximum|highest|best kpi", 0, 0},
};
const BscVocab bscRollups = {"roll-up", 3, aRollup};

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

const BscWord *bsc_vocab_find(const BscVocab *v, const char *text) {
  if (!text) return 0;
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
