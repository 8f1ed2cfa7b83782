/*
** vocab.c: the domain's words (the bottom layer: pure).
*/
#ifndef BSC_VOCAB_H
#define BSC_VOCAB_H

#include "sqlite3ext.h"

/* One word of a closed vocabulary: the stored id, a label for people, the
** other spellings accepted on input ("|"-separated) and, for sub-processes,
** the cluster the word belongs to. */
typedef struct BscWord {
  const char *id;
  const char *label;
  const char *aliases;
  const char *group;
  const char *extra; /* cluster: Kaplan & Norton's pay-off horizon */
} BscWord;

typedef struct BscVocab {
  const char *noun; /* "perspective": used in error messages */
  int n;
  const BscWord *a;
  /* words that may follow any spelling ("|"-separated), as "perspective"
  ** in "Financial perspective"; NULL for none */
  const char *tails;
} BscVocab;

/* The perspectives: financial, customer, internal, learning (0.1's ranks
** 0..3) and the optional mission (4); their order from top to bottom and
** which are outcomes are settings (settings.c). */
#define BSC_N_PERSP 5
#define BSC_MISSION 4
extern const BscVocab bscPerspectives;
extern const BscVocab bscClusters;
extern const BscVocab bscSubprocesses;
extern const BscVocab bscSigns;
extern const BscVocab bscPolarities;
extern const BscVocab bscFrequencies;
extern const BscVocab bscAggregations;
extern const BscVocab bscSettings; /* the keys of the settings table */

/* The word that `text` spells (case, spacing, '_' and '-' ignored), or NULL. */
const BscWord *bsc_vocab_find(const BscVocab *v, const char *text);
/* "a, b or c", from sqlite3_malloc; NULL on OOM. Only words of `group`
** when group is not NULL. */
char *bsc_vocab_list(const BscVocab *v, const char *group);
/* A word's label, and its extra (a cluster's horizon), in Dutch when nl
** and the word has a Dutch label (perspectives and clusters). */
const char *bsc_word_label(const BscWord *w, int nl);
const char *bsc_word_extra(const BscWord *w, int nl);
/* A setting's value normalised (sqlite3_malloc'd) into *pzOut, or an error
** message for column zColumn (settings.c reads the stored values). */
char *bsc_setting_check(const char *zColumn, const char *zKey, const char *zValue, char **pzOut);
/* The perspectives a stored perspective_order or outcomes value names
** (ids joined by commas), into aOut[0..BSC_N_PERSP-1]; returns how many. */
int bsc_perspective_list(const char *zList, int *aOut);
/* Index of a word (its rank: financial=0 ... learning=3), -1 if absent. */
int bsc_vocab_rank(const BscVocab *v, const char *id);

extern const BscVocab bscRollups;
extern const BscVocab bscInitiativeStatuses, bscCommentStatuses;

/* The words' ranks, as enums (vocabularies keep this order). */
typedef enum BscPolarity { BSC_HIGHER, BSC_LOWER, BSC_RANGE, BSC_POLARITY_DEFAULT } BscPolarity;
typedef enum BscAggregation {
  BSC_AGG_SUM,
  BSC_AGG_AVERAGE,
  BSC_AGG_LAST,
  BSC_AGG_MIN,
  BSC_AGG_MAX
} BscAggregation;
/* BSC_ROLLUP_ALIGNED: from the objectives aligned with it (scorecard.c),
** not from its KPIs */
typedef enum BscRollup { BSC_ROLLUP_WEIGHTED, BSC_ROLLUP_WORST, BSC_ROLLUP_BEST, BSC_ROLLUP_ALIGNED } BscRollup;

#endif
