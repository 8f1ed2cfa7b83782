.load ../../bsc
.mode list
.headers on
.print -- goal / red-flag scores at the corners: red - d, red, target, target + d
SELECT bsc_score(4, 12, 8) AS low, bsc_score(8, 12, 8) = 10.0/3 AS at_red, bsc_score(12, 12, 8) = 20.0/3 AS at_target, bsc_score(16, 12, 8) AS high;
SELECT bsc_score(15, 5, 10) AS lower_low, bsc_score(0, 5, 10) AS lower_high, bsc_score(50, 50, 40, 'range') = 20.0/3 AS range_best, bsc_score(30, 50, 40, 'range') AS range_low;
SELECT bsc_status(bsc_score(7.9, 12, 8)) AS below_red, bsc_status(bsc_score(8, 12, 8)) AS at_red, bsc_status(bsc_score(11.9, 12, 8)) AS below_target, bsc_status(bsc_score(12, 12, 8)) AS at_target, bsc_status(NULL) AS no_score;
SELECT bsc_progress(25, 10, 40) AS progress, bsc_score(NULL, 12, 8) IS NULL AS null_actual;
.print -- errors name the values
SELECT bsc_score(1, 80, 80);
SELECT bsc_score(1, 80, 90, 'higher');
SELECT bsc_score(1, 80, 70, 'lower');
SELECT bsc_score(1, 80, 70, 'sideways');
SELECT bsc_score('n/a', 80, 70);
SELECT bsc_progress(1, 5, 5);
