/*
** analytics.c: bsc_vital_few, bsc_link_evidence, bsc_whatif.
*/
#ifndef BSC_ANALYTICS_H
#define BSC_ANALYTICS_H

#include "sqlite3ext.h"
#include "chains.h"

extern const BscTvf bscVitalFewTvf, bscLinkEvidenceTvf, bscWhatifTvf;


#endif
