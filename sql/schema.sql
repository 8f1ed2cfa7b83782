CREATE VIRTUAL TABLE processes    USING bsc_processes;
CREATE VIRTUAL TABLE objectives   USING bsc_objectives;
CREATE VIRTUAL TABLE links        USING bsc_links;
CREATE VIRTUAL TABLE kpis         USING bsc_kpis;
CREATE VIRTUAL TABLE measurements USING bsc_measurements;
CREATE VIRTUAL TABLE targets      USING bsc_targets;
CREATE VIRTUAL TABLE initiatives  USING bsc_initiatives;
CREATE VIRTUAL TABLE commentary   USING bsc_commentary;
