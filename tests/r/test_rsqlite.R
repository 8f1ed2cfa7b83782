# R with DBI and RSQLite (Debian's r-cran-rsqlite, which make test-deps
# installs): bsc loaded into a connection, the map read and written, a table
# function with a parameter, a refused write as an R error, and the affected-row
# counts. Run by tests/run.sh as `Rscript tests/r/test_rsqlite.R` from the
# repository root, with BSC_SO naming bsc.so without its suffix; prints one
# line a check and ends with "N passed, N failed".
suppressPackageStartupMessages(library(DBI))

so <- Sys.getenv("BSC_SO", file.path(getwd(), "bsc"))
version <- readLines("VERSION", warn = FALSE)[1]
passed <- 0L
failed <- 0L

check <- function(name, expr) {
  ok <- tryCatch(isTRUE(expr), error = function(e) {
    cat("    error: ", conditionMessage(e), "\n", sep = "")
    FALSE
  })
  if (ok) passed <<- passed + 1L else failed <<- failed + 1L
  cat(if (ok) "ok   " else "FAIL ", name, "\n", sep = "")
}

# the message of the error that expr raises, or "" when it raises none
error_of <- function(expr) tryCatch({ expr; "" }, error = function(e) conditionMessage(e))

db <- tempfile(fileext = ".db")
con <- dbConnect(RSQLite::SQLite(), db)

# RSQLite connections may load extensions (loadable.extensions = TRUE is the
# default); load_extension() takes the path, or the bare name after make install
invisible(dbGetQuery(con, "SELECT load_extension(?)", params = list(so)))
check("bsc_version() is VERSION", identical(dbGetQuery(con, "SELECT bsc_version() AS v")$v, version))

# RSQLite runs one statement a call: the demo's scripts go in through the
# sqlite3 shell, as a user loads them once
status <- system2("sqlite3", shQuote(c(db, paste0(".load ", so), ".read sql/schema.sql", ".read sql/demo.sql")))
check("the demo loads through the shell", status == 0)
objectives <- dbGetQuery(con, "SELECT count(*) AS n FROM objectives")$n
check("the demo's map reads", objectives > 10)
check("dbListTables lists the map's tables",
      all(c("objectives", "kpis", "measurements", "links", "processes") %in% dbListTables(con)))

chains <- dbGetQuery(con, "SELECT goal, length FROM bsc_chains(?, 3) ORDER BY length",
                     params = list("turnaround"))
check("a table function with a parameter",
      identical(chains$goal, c("unit_cost", "operating_margin")) && identical(chains$length, c(2L, 3L)))
card <- dbGetQuery(con, "SELECT kpi, score, status FROM bsc_scorecard(?)", params = list("2026-10"))
# the top unit's KPIs: the scorecard's, with no unit asked for
kpis <- dbGetQuery(con, "SELECT count(*) AS n FROM kpis JOIN objectives AS o ON o.id = objective WHERE o.unit IS NULL")$n
check("the scorecard of a period, scores as numbers",
      nrow(card) == kpis && is.numeric(card$score) && all(card$status %in% c("green", "amber", "red", "none")))

msg <- error_of(dbExecute(con, "INSERT INTO objectives(id, title, perspective) VALUES ('x', 'X', 'nonsense')"))
check("a refused write is an R error with bsc's message",
      startsWith(msg, "bsc: objectives.perspective: 'nonsense' is not a perspective"))
check("and writes nothing", dbGetQuery(con, "SELECT count(*) AS n FROM objectives")$n == objectives)

# dbExecute()'s count is sqlite3_total_changes() after the statement minus
# before it (RSQLite's n_rows_affected()), so it counts bsc's own storage
# writes too; SELECT changes() right after it is the user's rows
changes <- function() dbGetQuery(con, "SELECT changes() AS n")$n
n <- dbExecute(con, "INSERT INTO objectives(id, title, perspective) VALUES ('a', 'A', 'financial')")
check("one INSERT: changes() is 1 (dbExecute says more)", changes() == 1 && n > 1)
n <- dbExecute(con, "UPDATE objectives SET owner = 'Board'")
check("an UPDATE of every objective: changes() counts them", changes() == objectives + 1 && n > objectives + 1)
n <- dbExecute(con, "UPDATE objectives SET owner = ? WHERE id = ?", params = list("CFO", "a"))
check("a parameterised UPDATE: changes() is 1", changes() == 1)
n <- dbExecute(con, "DELETE FROM objectives WHERE id = 'a'")
check("a DELETE: changes() is 1", changes() == 1)

# a data frame of measurements appended to the map, as an analyst loads a month
month <- data.frame(kpi = c("revenue", "passengers"), period = "2027-01", actual = c(4500, 40000))
n <- dbAppendTable(con, "measurements", month)
check("dbAppendTable writes a data frame into measurements",
      dbGetQuery(con, "SELECT count(*) AS n FROM measurements WHERE period = '2027-01'")$n == 2)
msg <- error_of(dbAppendTable(con, "measurements", data.frame(kpi = "no_such_kpi", period = "2027-01", actual = 1)))
check("an append naming no KPI is refused", startsWith(msg, "bsc: measurements.kpi: "))

dbDisconnect(con)
unlink(db)
cat(passed, " passed, ", failed, " failed\n", sep = "")
quit(status = if (failed == 0L) 0L else 1L)
