-- Eems Air: a worked example of a strategy map.
--
-- Eems Air is a fictional regional airline at Groningen Airport Eelde with
-- twelve turboprops, flying to Amsterdam, Copenhagen, London City, Munich
-- and a few sun routes in summer. Its strategy for 2026: be the punctual,
-- easy airline of the north for business travellers, and pay for the
-- network with lower unit cost and more revenue per passenger.
--
-- The group's map has 21 objectives (9 of them internal-process), 9 processes in
-- three of the four Kaplan & Norton clusters (operations, customer
-- management, innovation: regulatory & social has none yet, a gap the map
-- checks will point out), causal links from the processes up to the
-- financial objectives, 29 KPIs and their measurements: monthly for
-- 2026-01 .. 2026-10, quarterly for 2024-Q4 .. 2026-Q3, yearly 2018 .. 2025,
-- and a few targets that change over time (a ramp, an annual target).
--
-- The story in the numbers (scored on the goal/red-flag scale):
--   * operations are turning round: punctuality, turnaround and technical
--     reliability are green and improving;
--   * but unit cost is red: fuel burn rose with two older leased aircraft;
--   * corporate contracts are signed (green), yet the corporate share of
--     passengers is still red: the new routes behind it take half a year
--     to fill (the one link with a lag);
--   * the people side is red and worsening: engagement and sick leave, which
--     rose month after month while the turnarounds got faster, so the data
--     contradict the map's link from engaged staff to fast turns (see
--     bsc_link_evidence), while most operational links are supported.
--
-- Six initiatives drive the map (as of 2026-10-31, the end of its latest
-- month): electric ground equipment is on track, the winglet retrofit
-- behind, the business lounge overdue, the roster programme not started,
-- the kiosk project stopped; the in-flight magazine drives nothing at all.
-- The owners' commentary on the third quarter explains the red.
--
-- Below the group, two units keep small maps of their own, aligned with the
-- group's (the end of this file).
--
-- Loaded by `make demo` after sql/schema.sql; everything goes through the
-- map's tables, so every row is validated like any user's data.

BEGIN;

-- The units (docs/cascading.md): Eems Air itself is the top unit, whose
-- map every row below belongs to (a row's unit NULL is the top unit's).
INSERT INTO units(id, title, owner) VALUES ('eems_air', 'Eems Air', 'CEO');

-- Objectives, top to bottom. Only internal-process objectives carry a cluster.
INSERT INTO objectives(id, perspective, cluster, title, weight, owner, description) VALUES
  ('revenue_growth',   'financial', NULL, 'Grow passenger revenue', 1, 'CFO',
   'Revenue 2026 at least 14% above 2025, from business travel and a fuller network'),
  ('operating_margin', 'financial', NULL, 'Earn a healthy operating margin', 1.5, 'CEO',
   'Operating margin of 7% by the end of 2026'),
  ('ancillary_revenue','financial', NULL, 'Earn more per passenger beyond the fare', 0.5, 'CFO',
   'Seats, bags, lounge and parking sold with the ticket'),
  ('unit_cost',        'financial', NULL, 'Lower the cost per seat-kilometre', 1, 'CFO',
   'Keep cost per available seat-km below the regional benchmark'),

  ('on_time',          'customer', NULL, 'Be the punctual airline of the north', 1.5, 'COO',
   'Business travellers choose us because we arrive on time'),
  ('passenger_satisfaction', 'customer', NULL, 'Passengers recommend us', 1, 'Head of Customer Service',
   'Friendly, simple travel from booking to baggage belt'),
  ('corporate_travellers', 'customer', NULL, 'Win the regional business traveller', 1, 'CCO',
   'Companies in the north book us for their staff'),
  ('frequent_flyers',  'customer', NULL, 'Keep our frequent flyers', 1, 'CCO',
   'Members who fly with us month after month'),

  ('fast_turns',       'internal', 'operations', 'Turn aircraft around in 25 minutes', 1.5, 'Head of Ground Operations',
   'Short, predictable turnarounds at every station'),
  ('fleet_reliability','internal', 'operations', 'Keep the fleet technically reliable', 1, 'Head of Maintenance',
   'Few technical delays, high aircraft availability'),
  ('fuel_efficiency',  'internal', 'operations', 'Fly fuel-efficiently', 1, 'Chief Pilot',
   'Single-engine taxi, optimised climb profiles, good fuel contracts'),
  ('bags_on_board',    'internal', 'operations', 'Deliver every bag with its passenger', 0.5, 'Head of Ground Operations',
   'Fewer mishandled bags at transfer stations'),
  ('corporate_contracts', 'internal', 'customer_management', 'Sign corporate travel contracts', 1, 'Sales Director',
   'Account management for the top 50 companies of the region'),
  ('loyalty_retention','internal', 'customer_management', 'Grow an active loyalty programme', 1, 'Marketing Manager',
   'Eems Miles members who stay active'),
  ('ancillary_sales',  'internal', 'customer_management', 'Sell extras at booking', 0.5, 'E-commerce Manager',
   'Offer the right extra at the right moment of the booking'),
  ('new_routes',       'internal', 'innovation', 'Open routes that pay within a year', 1, 'Network Planning Manager',
   'Spot and launch routes the business community asks for'),
  ('self_service',     'internal', 'innovation', 'Let passengers serve themselves', 1, 'CIO',
   'Check-in, rebooking and boarding passes in the app'),

  ('crew_skills',      'learning', NULL, 'Cross-train ground staff', 1, 'HR Director',
   'Every ground handler qualified for two roles'),
  ('ops_data',         'learning', NULL, 'Real-time operations data', 1, 'CIO',
   'Everyone in operations sees the same live picture'),
  ('engaged_staff',    'learning', NULL, 'Engaged, healthy employees', 1, 'HR Director',
   'People who like working here and stay well'),
  ('commercial_skills','learning', NULL, 'Account managers who know the region', 0.5, 'Sales Director',
   'Certified account management and regional networks');

-- Processes: operations, customer management and innovation, but nothing
-- yet for regulatory & social (no safety or environment process on the map).
INSERT INTO processes(id, cluster, subprocess, title, owner, description) VALUES
  ('fuel_purchasing',   'operations', 'supply',     'Fuel purchasing and hedging', 'CFO',
   'Contracts with the fuel suppliers at every station'),
  ('turnaround',        'operations', 'produce',    'Aircraft turnaround', 'Head of Ground Operations',
   'From on-blocks to off-blocks: deboarding, cleaning, fuelling, boarding'),
  ('baggage_handling',  'operations', 'distribute', 'Baggage handling', 'Head of Ground Operations',
   'Check-in to belt, including transfers at Schiphol'),
  ('line_maintenance',  'operations', 'risk',       'Line maintenance', 'Head of Maintenance',
   'Daily checks and defect rectification between flights'),
  ('corporate_sales',   'customer_management', 'acquire', 'Corporate account sales', 'Sales Director',
   'Finding and signing companies with regular travel'),
  ('loyalty_programme', 'customer_management', 'retain',  'Eems Miles loyalty programme', 'Marketing Manager',
   'Miles, tiers and member offers'),
  ('online_booking',    'customer_management', 'grow',    'Online booking and extras', 'E-commerce Manager',
   'The booking flow on web and app, with seat, bag and lounge offers'),
  ('network_planning',  'innovation', 'opportunities', 'Network planning', 'Network Planning Manager',
   'Market research, route cases and slot requests'),
  ('app_development',   'innovation', 'develop',       'Digital product development', 'CIO',
   'The Eems Air app and the self-service kiosks');

-- Cause and effect: processes serve internal objectives; learning enables
-- processes; internal objectives deliver customer value and lower cost;
-- customers and cost produce the financial result.
INSERT INTO links(cause, effect, weight, sign, lag, note) VALUES
  ('turnaround',        'fast_turns',          1,   'positive', 0, NULL),
  ('line_maintenance',  'fleet_reliability',   1,   'positive', 0, NULL),
  ('fuel_purchasing',   'fuel_efficiency',     0.6, 'positive', 0, 'price matters, burn matters more'),
  ('baggage_handling',  'bags_on_board',       1,   'positive', 0, NULL),
  ('corporate_sales',   'corporate_contracts', 1,   'positive', 0, NULL),
  ('loyalty_programme', 'loyalty_retention',   1,   'positive', 0, NULL),
  ('online_booking',    'ancillary_sales',     1,   'positive', 0, NULL),
  ('network_planning',  'new_routes',          1,   'positive', 0, NULL),
  ('app_development',   'self_service',        1,   'positive', 0, NULL),

  ('crew_skills',       'fast_turns',          0.8, 'positive', 0, 'one team does cleaning and boarding'),
  ('crew_skills',       'bags_on_board',       0.5, 'positive', 0, NULL),
  ('ops_data',          'fast_turns',          0.5, 'positive', 0, NULL),
  ('ops_data',          'fleet_reliability',   0.7, 'positive', 0, 'defects reported before landing'),
  ('engaged_staff',     'fast_turns',          0.5, 'positive', 0, NULL),
  ('engaged_staff',     'passenger_satisfaction', 0.4, 'positive', 0, 'friendly staff, friendly trip'),
  ('commercial_skills', 'corporate_contracts', 1,   'positive', 0, NULL),
  ('commercial_skills', 'ancillary_sales',     0.3, 'positive', 0, NULL),

  ('self_service',      'ancillary_sales',     0.6, 'positive', 0, 'extras offered at app check-in'),
  ('fast_turns',        'on_time',             1,   'positive', 0, NULL),
  ('fleet_reliability', 'on_time',             0.8, 'positive', 0, NULL),
  ('bags_on_board',     'passenger_satisfaction', 0.6, 'positive', 0, NULL),
  ('self_service',      'passenger_satisfaction', 0.4, 'positive', 0, NULL),
  ('corporate_contracts', 'corporate_travellers', 1, 'positive', 0, NULL),
  ('new_routes',        'corporate_travellers', 0.5, 'positive', 6, 'a new route takes about six months to fill'),
  ('loyalty_retention', 'frequent_flyers',     1,   'positive', 0, NULL),

  ('on_time',           'passenger_satisfaction', 0.8, 'positive', 0, NULL),
  ('on_time',           'corporate_travellers', 0.8, 'positive', 0, 'business travellers buy punctuality'),
  ('passenger_satisfaction', 'frequent_flyers', 0.7, 'positive', 0, NULL),

  ('fast_turns',        'unit_cost',           0.5, 'positive', 0, 'more rotations per aircraft per day'),
  ('fleet_reliability', 'unit_cost',           0.3, 'positive', 0, NULL),
  ('fuel_efficiency',   'unit_cost',           1,   'positive', 0, NULL),
  ('new_routes',        'unit_cost',           0.4, 'negative', 0, 'start-up cost of a route weighs on unit cost'),
  ('ancillary_sales',   'ancillary_revenue',   1,   'positive', 0, NULL),
  ('corporate_travellers', 'revenue_growth',   1,   'positive', 0, NULL),
  ('frequent_flyers',   'revenue_growth',      0.8, 'positive', 0, NULL),
  ('revenue_growth',    'operating_margin',    1,   'positive', 0, NULL),
  ('unit_cost',         'operating_margin',    1,   'positive', 0, NULL),
  ('ancillary_revenue', 'operating_margin',    0.5, 'positive', 0, NULL);

-- KPIs. Polarity says which way is better: `lower` for cost, time and
-- error rates, `range` for the load factor (too full turns passengers
-- away). `red` is the red-flag threshold; routes_break_even has none, so
-- its baseline serves. Aggregation says how months add up to a quarter.
INSERT INTO kpis(id, objective, title, unit, polarity, baseline, target, red, weight, frequency, aggregation) VALUES
  ('revenue', 'revenue_growth', 'Passenger revenue', 'EUR k',
   'higher', 4200, 4800, 4300, 1, 'month', 'sum'),
  ('passengers', 'revenue_growth', 'Passengers carried', 'passengers',
   'higher', 38000, 42000, 38000, 0.5, 'month', 'sum'),
  ('load_factor', 'revenue_growth', 'Seat load factor', '%',
   'range', 76, 82, 72, 0.5, 'month', 'average'),
  ('margin', 'operating_margin', 'Operating margin', '%',
   'higher', 3.5, 7, 4, 1, 'quarter', 'last'),
  ('ancillary_per_pax', 'ancillary_revenue', 'Ancillary revenue per passenger', 'EUR',
   'higher', 6.2, 9, 7, 1, 'month', 'average'),
  ('cask', 'unit_cost', 'Cost per available seat-km', 'EUR cent',
   'lower', 14.8, 13.5, 14.5, 1, 'month', 'average'),
  ('otp15', 'on_time', 'Flights arriving within 15 minutes', '%',
   'higher', 84, 90, 85, 1, 'month', 'average'),
  ('avg_delay', 'on_time', 'Average arrival delay', 'min',
   'lower', 14, 8, 12, 0.5, 'month', 'average'),
  ('nps', 'passenger_satisfaction', 'Net Promoter Score', 'points',
   'higher', 18, 35, 20, 1, 'quarter', 'last'),
  ('complaints', 'passenger_satisfaction', 'Complaints per 10,000 passengers', 'per 10k pax',
   'lower', 9, 5, 8, 0.5, 'month', 'average'),
  ('corporate_share', 'corporate_travellers', 'Share of corporate passengers', '%',
   'higher', 18, 25, 19, 1, 'quarter', 'average'),
  ('ff_retention', 'frequent_flyers', 'Frequent flyers still flying after 12 months', '%',
   'higher', 70, 80, 72, 1, 'quarter', 'last'),
  ('turn_time', 'fast_turns', 'Median turnaround time', 'min',
   'lower', 32, 25, 30, 1, 'month', 'average'),
  ('turns_on_schedule', 'fast_turns', 'Turnarounds completed on schedule', '%',
   'higher', 80, 92, 85, 1, 'month', 'average'),
  ('tech_delays', 'fleet_reliability', 'Technical delays per 100 departures', 'per 100 dep',
   'lower', 2.4, 1.2, 2.0, 1, 'month', 'average'),
  ('availability', 'fleet_reliability', 'Aircraft availability', '%',
   'higher', 93, 97, 94, 0.5, 'month', 'min'),
  ('fuel_burn', 'fuel_efficiency', 'Fuel burn per block hour', 'kg/h',
   'lower', 640, 600, 630, 1, 'month', 'average'),
  ('mishandled_bags', 'bags_on_board', 'Mishandled bags per 1,000 passengers', 'per 1000 pax',
   'lower', 6.5, 3.0, 5.5, 1, 'month', 'average'),
  ('new_contracts', 'corporate_contracts', 'Corporate contracts signed', 'contracts',
   'higher', 3, 8, 4, 1, 'quarter', 'sum'),
  ('active_members', 'loyalty_retention', 'Active loyalty members', 'members',
   'higher', 21000, 30000, 23000, 1, 'month', 'last'),
  ('attach_rate', 'ancillary_sales', 'Bookings with an ancillary', '%',
   'higher', 22, 35, 25, 1, 'month', 'average'),
  ('routes_break_even', 'new_routes', 'New routes at break-even within 12 months', '%',
   'higher', 40, 75, NULL, 1, 'year', 'last'),
  ('self_check_in', 'self_service', 'Check-ins by app or web', '%',
   'higher', 45, 70, 50, 1, 'month', 'average'),
  ('app_rating', 'self_service', 'App store rating', 'stars',
   'higher', 3.4, 4.5, 3.8, 0.5, 'quarter', 'last'),
  ('cross_trained', 'crew_skills', 'Ground staff cross-trained for two roles', '%',
   'higher', 30, 60, 40, 1, 'quarter', 'last'),
  ('data_latency', 'ops_data', 'Delay from event to operations dashboard', 'min',
   'lower', 30, 2, 15, 1, 'month', 'max'),
  ('engagement', 'engaged_staff', 'Employee engagement index', 'index',
   'higher', 62, 75, 65, 1, 'quarter', 'average'),
  ('sick_leave', 'engaged_staff', 'Sick leave', '%',
   'lower', 6.1, 4.5, 5.8, 0.5, 'month', 'average'),
  ('sales_certified', 'commercial_skills', 'Account managers certified', '%',
   'higher', 20, 80, 40, 1, 'quarter', 'last');

-- Measurements: monthly KPIs for 2026-01 .. 2026-10, quarterly ones for
-- 2024-Q4 .. 2026-Q3, the yearly one for 2018 .. 2025. A measurement's own
-- target overrides the KPI's (the summer peak of revenue and punctuality).
INSERT INTO measurements(kpi, period, actual) VALUES
  ('revenue', '2026-01', 4150), ('revenue', '2026-02', 4080), ('revenue', '2026-03', 4420),
  ('revenue', '2026-04', 4610), ('revenue', '2026-05', 4750), ('revenue', '2026-06', 4880),
  ('revenue', '2026-09', 4870), ('revenue', '2026-10', 4690);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('passengers', '2026-01', 36500), ('passengers', '2026-02', 35800),
  ('passengers', '2026-03', 38900), ('passengers', '2026-04', 40100),
  ('passengers', '2026-05', 41200), ('passengers', '2026-06', 42600),
  ('passengers', '2026-07', 46900), ('passengers', '2026-08', 47800),
  ('passengers', '2026-09', 42900), ('passengers', '2026-10', 42300);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('load_factor', '2026-01', 74.1), ('load_factor', '2026-02', 73.5),
  ('load_factor', '2026-03', 77.0), ('load_factor', '2026-04', 78.8),
  ('load_factor', '2026-05', 80.2), ('load_factor', '2026-06', 81.5),
  ('load_factor', '2026-07', 86.9), ('load_factor', '2026-08', 88.4),
  ('load_factor', '2026-09', 83.0), ('load_factor', '2026-10', 81.4);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('margin', '2024-Q4', 3.6), ('margin', '2025-Q1', 2.1), ('margin', '2025-Q2', 4.4),
  ('margin', '2025-Q3', 6.8), ('margin', '2025-Q4', 4.0), ('margin', '2026-Q1', 3.1),
  ('margin', '2026-Q2', 5.2), ('margin', '2026-Q3', 7.4);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('ancillary_per_pax', '2026-01', 6.4), ('ancillary_per_pax', '2026-02', 6.6),
  ('ancillary_per_pax', '2026-03', 6.9), ('ancillary_per_pax', '2026-04', 7.2),
  ('ancillary_per_pax', '2026-05', 7.5), ('ancillary_per_pax', '2026-06', 7.9),
  ('ancillary_per_pax', '2026-07', 8.3), ('ancillary_per_pax', '2026-08', 8.6),
  ('ancillary_per_pax', '2026-09', 8.8), ('ancillary_per_pax', '2026-10', 9.1);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('cask', '2026-01', 14.9), ('cask', '2026-02', 15.1), ('cask', '2026-03', 14.6),
  ('cask', '2026-04', 14.4), ('cask', '2026-05', 14.2), ('cask', '2026-06', 14.0),
  ('cask', '2026-07', 13.7), ('cask', '2026-08', 13.8), ('cask', '2026-09', 14.3),
  ('cask', '2026-10', 14.7);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('otp15', '2026-01', 86.2), ('otp15', '2026-03', 88.0), ('otp15', '2026-04', 89.3),
  ('otp15', '2026-05', 90.4), ('otp15', '2026-06', 88.7), ('otp15', '2026-09', 90.8),
  ('otp15', '2026-10', 91.5);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('avg_delay', '2026-01', 12.5), ('avg_delay', '2026-02', 16.8), ('avg_delay', '2026-03', 10.9),
  ('avg_delay', '2026-04', 9.6), ('avg_delay', '2026-05', 8.4), ('avg_delay', '2026-06', 9.9),
  ('avg_delay', '2026-07', 13.8), ('avg_delay', '2026-08', 13.1), ('avg_delay', '2026-09', 8.1),
  ('avg_delay', '2026-10', 7.6);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('nps', '2024-Q4', 17), ('nps', '2025-Q1', 19), ('nps', '2025-Q2', 22), ('nps', '2025-Q3', 21),
  ('nps', '2025-Q4', 24), ('nps', '2026-Q1', 26), ('nps', '2026-Q2', 29), ('nps', '2026-Q3', 27);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('complaints', '2026-01', 8.8), ('complaints', '2026-03', 8.1), ('complaints', '2026-04', 7.4),
  ('complaints', '2026-05', 6.9), ('complaints', '2026-06', 7.2), ('complaints', '2026-07', 9.6),
  ('complaints', '2026-08', 9.1), ('complaints', '2026-09', 6.3), ('complaints', '2026-10', 5.8);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('corporate_share', '2024-Q4', 18.2), ('corporate_share', '2025-Q1', 17.9),
  ('corporate_share', '2025-Q2', 18.6), ('corporate_share', '2025-Q3', 17.1),
  ('corporate_share', '2025-Q4', 18.9), ('corporate_share', '2026-Q1', 19.5),
  ('corporate_share', '2026-Q2', 20.3), ('corporate_share', '2026-Q3', 18.4);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('ff_retention', '2024-Q4', 70.5), ('ff_retention', '2025-Q1', 71.2),
  ('ff_retention', '2025-Q2', 72.8), ('ff_retention', '2025-Q3', 73.5),
  ('ff_retention', '2025-Q4', 74.1), ('ff_retention', '2026-Q1', 76.0),
  ('ff_retention', '2026-Q2', 77.8), ('ff_retention', '2026-Q3', 79.2);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('turn_time', '2026-01', 32.5), ('turn_time', '2026-02', 33.0), ('turn_time', '2026-03', 31.4),
  ('turn_time', '2026-04', 30.2), ('turn_time', '2026-05', 29.1), ('turn_time', '2026-06', 28.4),
  ('turn_time', '2026-07', 29.6), ('turn_time', '2026-08', 28.8), ('turn_time', '2026-09', 27.1),
  ('turn_time', '2026-10', 26.3);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('turns_on_schedule', '2026-01', 81.0), ('turns_on_schedule', '2026-02', 78.0),
  ('turns_on_schedule', '2026-03', 83.5), ('turns_on_schedule', '2026-04', 85.2),
  ('turns_on_schedule', '2026-05', 87.9), ('turns_on_schedule', '2026-06', 89.4),
  ('turns_on_schedule', '2026-07', 86.1), ('turns_on_schedule', '2026-08', 88.0),
  ('turns_on_schedule', '2026-09', 91.7), ('turns_on_schedule', '2026-10', 93.2);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('tech_delays', '2026-01', 2.3), ('tech_delays', '2026-02', 2.6),
  ('tech_delays', '2026-03', 2.1), ('tech_delays', '2026-04', 1.9),
  ('tech_delays', '2026-05', 1.7), ('tech_delays', '2026-06', 1.6),
  ('tech_delays', '2026-07', 1.8), ('tech_delays', '2026-08', 1.5),
  ('tech_delays', '2026-09', 1.3), ('tech_delays', '2026-10', 1.1);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('availability', '2026-01', 94.8), ('availability', '2026-02', 93.1),
  ('availability', '2026-03', 95.5), ('availability', '2026-04', 96.2),
  ('availability', '2026-05', 96.8), ('availability', '2026-06', 97.4),
  ('availability', '2026-07', 95.9), ('availability', '2026-08', 96.6),
  ('availability', '2026-09', 97.8), ('availability', '2026-10', 98.1);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('fuel_burn', '2026-01', 641), ('fuel_burn', '2026-02', 645), ('fuel_burn', '2026-03', 636),
  ('fuel_burn', '2026-04', 628), ('fuel_burn', '2026-05', 622), ('fuel_burn', '2026-06', 619),
  ('fuel_burn', '2026-07', 626), ('fuel_burn', '2026-08', 624), ('fuel_burn', '2026-09', 631);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('mishandled_bags', '2026-01', 6.8), ('mishandled_bags', '2026-02', 7.4),
  ('mishandled_bags', '2026-03', 6.1), ('mishandled_bags', '2026-04', 5.6),
  ('mishandled_bags', '2026-05', 5.0), ('mishandled_bags', '2026-06', 4.7),
  ('mishandled_bags', '2026-07', 6.9), ('mishandled_bags', '2026-08', 6.2),
  ('mishandled_bags', '2026-09', 4.1), ('mishandled_bags', '2026-10', 3.6);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('new_contracts', '2024-Q4', 3), ('new_contracts', '2025-Q1', 2),
  ('new_contracts', '2025-Q2', 4), ('new_contracts', '2025-Q3', 3),
  ('new_contracts', '2025-Q4', 5), ('new_contracts', '2026-Q1', 4),
  ('new_contracts', '2026-Q2', 7), ('new_contracts', '2026-Q3', 9);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('active_members', '2026-01', 21800), ('active_members', '2026-02', 22100),
  ('active_members', '2026-03', 22600), ('active_members', '2026-04', 23400),
  ('active_members', '2026-05', 24100), ('active_members', '2026-06', 24900),
  ('active_members', '2026-07', 25800), ('active_members', '2026-08', 26300),
  ('active_members', '2026-09', 26200), ('active_members', '2026-10', 25900);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('attach_rate', '2026-01', 23.1), ('attach_rate', '2026-02', 24.0),
  ('attach_rate', '2026-03', 26.2), ('attach_rate', '2026-04', 27.5),
  ('attach_rate', '2026-05', 29.8), ('attach_rate', '2026-06', 31.2),
  ('attach_rate', '2026-07', 30.5), ('attach_rate', '2026-08', 32.4),
  ('attach_rate', '2026-09', 34.1), ('attach_rate', '2026-10', 36.0);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('routes_break_even', '2018', 45), ('routes_break_even', '2019', 50),
  ('routes_break_even', '2021', 33), ('routes_break_even', '2022', 50),
  ('routes_break_even', '2023', 60), ('routes_break_even', '2024', 67),
  ('routes_break_even', '2025', 57);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('self_check_in', '2026-01', 47.0), ('self_check_in', '2026-02', 48.5),
  ('self_check_in', '2026-03', 51.0), ('self_check_in', '2026-04', 53.2),
  ('self_check_in', '2026-05', 56.0), ('self_check_in', '2026-06', 58.4),
  ('self_check_in', '2026-07', 61.0), ('self_check_in', '2026-08', 62.5),
  ('self_check_in', '2026-09', 64.1), ('self_check_in', '2026-10', 66.0);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('app_rating', '2024-Q4', 3.4), ('app_rating', '2025-Q1', 3.5), ('app_rating', '2025-Q2', 3.5),
  ('app_rating', '2025-Q3', 3.7), ('app_rating', '2025-Q4', 3.9), ('app_rating', '2026-Q1', 4.1),
  ('app_rating', '2026-Q2', 4.2);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('cross_trained', '2024-Q4', 30), ('cross_trained', '2025-Q1', 32),
  ('cross_trained', '2025-Q2', 35), ('cross_trained', '2025-Q3', 38),
  ('cross_trained', '2025-Q4', 41), ('cross_trained', '2026-Q1', 45),
  ('cross_trained', '2026-Q2', 49), ('cross_trained', '2026-Q3', 52);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('data_latency', '2026-01', 30), ('data_latency', '2026-02', 30),
  ('data_latency', '2026-03', 28), ('data_latency', '2026-04', 22),
  ('data_latency', '2026-05', 18), ('data_latency', '2026-06', 12), ('data_latency', '2026-07', 9),
  ('data_latency', '2026-08', 5), ('data_latency', '2026-09', 3), ('data_latency', '2026-10', 1.5);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('engagement', '2024-Q4', 62), ('engagement', '2025-Q1', 61), ('engagement', '2025-Q2', 63),
  ('engagement', '2025-Q3', 64), ('engagement', '2025-Q4', 63), ('engagement', '2026-Q1', 62),
  ('engagement', '2026-Q2', 61);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('sick_leave', '2026-01', 5.0), ('sick_leave', '2026-02', 5.2), ('sick_leave', '2026-03', 5.1),
  ('sick_leave', '2026-04', 5.3), ('sick_leave', '2026-05', 5.4), ('sick_leave', '2026-06', 5.6),
  ('sick_leave', '2026-07', 5.7), ('sick_leave', '2026-08', 5.9), ('sick_leave', '2026-09', 6.0),
  ('sick_leave', '2026-10', 6.2);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('sales_certified', '2024-Q4', 20), ('sales_certified', '2025-Q1', 20),
  ('sales_certified', '2025-Q2', 25), ('sales_certified', '2025-Q3', 35),
  ('sales_certified', '2025-Q4', 45), ('sales_certified', '2026-Q1', 55),
  ('sales_certified', '2026-Q2', 68), ('sales_certified', '2026-Q3', 84);

-- The periods left out above: they have their own target or a note.
INSERT INTO measurements(kpi, period, actual, target, note) VALUES
  ('revenue', '2026-07', 5390, 5600, 'summer peak: seasonal target'),
  ('revenue', '2026-08', 5520, 5600, 'summer peak: seasonal target'),
  ('otp15', '2026-02', 81.4, NULL, 'storm closed Eelde for two days'),
  ('otp15', '2026-07', 84.9, 87, 'summer peak: congested slots at Schiphol'),
  ('otp15', '2026-08', 85.6, 87, 'summer peak: congested slots at Schiphol'),
  ('complaints', '2026-02', 11.2, NULL, 'storm closed Eelde for two days'),
  ('fuel_burn', '2026-10', 638, NULL, 'two leased older aircraft in service'),
  ('routes_break_even', '2020', 20, NULL, 'pandemic'),
  ('app_rating', '2026-Q3', 3.6, NULL, 'release 4.2 broke mobile boarding passes'),
  ('engagement', '2026-Q3', 60, NULL, 'reorganisation of ground handling announced');

-- Targets that change over time (docs/time.md). Self check-in is being
-- rolled out: its target and red flag rise quarter by quarter (a ramp the
-- KPI's one red flag could not hold). The sales team's target is set per
-- year, 32 contracts in 2026: each quarter's share follows from its days.
INSERT INTO targets(kpi, period, target, red, note) VALUES
  ('self_check_in', '2026-Q1', 52, 45, 'roll-out: app check-in at Eelde'),
  ('self_check_in', '2026-Q2', 58, 50, 'roll-out: web check-in for all routes'),
  ('self_check_in', '2026-Q3', 64, 55, 'roll-out: kiosks retired'),
  ('self_check_in', '2026-Q4', 70, 60, 'roll-out complete'),
  ('new_contracts', '2026', 32, 16, 'sales plan 2026');

-- Initiatives: what Eems Air does to close the gaps. They drive
-- objectives through links, like any cause.
INSERT INTO initiatives(id, title, owner, start, due, budget, spent, progress, status, description) VALUES
  ('ground_power', 'Electric ground power and tugs', 'Head of Ground Operations',
   '2026-01-01', '2026-12-31', 400000, 310000, 85, 'active', 'No more waiting for the diesel tug'),
  ('winglets', 'Retrofit fuel-saving winglets', 'COO',
   '2026-03-01', '2027-02-28', 1200000, 520000, 40, 'active', 'Four percent less fuel per block hour'),
  ('business_lounge', 'A business lounge at Eelde', 'CCO',
   '2025-09-01', '2026-09-30', 350000, 390000, 80, 'active', 'Where the corporate traveller waits'),
  ('rosters', 'Rosters that let people rest', 'HR director',
   '2026-11-01', '2027-06-30', 120000, 0, 0, 'planned', 'Fewer split shifts, fixed days off'),
  ('kiosks', 'Self-service kiosks', 'Head of Customer Service',
   '2025-04-01', '2026-06-30', 200000, 90000, 35, 'stopped', 'Replaced by mobile boarding passes'),
  ('inflight_magazine', 'Relaunch the in-flight magazine', 'CCO',
   '2026-05-01', '2026-12-31', 80000, 50000, 60, 'active', 'Forty pages about the north');

INSERT INTO links(cause, effect, weight, note) VALUES
  ('ground_power', 'fast_turns', 0.6, NULL),
  ('winglets', 'fuel_efficiency', 1, NULL),
  ('business_lounge', 'corporate_travellers', 0.4, NULL),
  ('business_lounge', 'passenger_satisfaction', 0.3, NULL),
  ('rosters', 'engaged_staff', 0.8, NULL),
  ('kiosks', 'self_service', 0.5, 'stopped: the app does it');

-- The owners' commentary on the third quarter.
INSERT INTO commentary(subject, period, author, written, status, analysis, recommendation) VALUES
  ('on_time', '2026-Q3', 'COO', '2026-10-05', 'approved',
   'Punctuality held through the summer peak despite congested slots at Schiphol.',
   'Keep the turnaround drill, and ask Schiphol for earlier slots in 2027.'),
  ('unit_cost', '2026-Q3', 'CFO', '2026-10-06', 'approved',
   'Cost per seat-km rose: the two leased older aircraft burn more fuel.',
   'Speed up the winglet retrofit, and return the leased aircraft in spring.'),
  ('cask', '2026-Q3', 'CFO', '2026-10-06', 'approved',
   'Fuel is two thirds of the rise, the lounge overrun the rest.', NULL),
  ('engaged_staff', '2026-Q3', 'HR director', '2026-10-07', 'draft',
   'Engagement fell after the reorganisation of ground handling was announced.',
   'Start the roster programme in November.'),
  ('business_lounge', '2026-Q3', 'CCO', '2026-10-03', 'approved',
   'The lounge opens in December, two months late and over budget.',
   'Accept the delay, but no further scope.');

-- Cascading (docs/cascading.md): two units below Eems Air, each with a
-- small map of its own aligned with the group's. Eems Regional, a
-- subsidiary, flies two ATR 42s from Groningen to the Wadden islands and
-- Bremen, feeding the group's network; Eems Technics, the maintenance
-- organisation, keeps the fleet flying, with its base hangar at Eelde as a
-- unit of its own. A unit's objective is aligned with an objective of a
-- unit above it by a link with that objective as effect. Eems Technics'
-- dispatch objective is scored from the hangar's objectives aligned with it
-- (rollup 'aligned'), not from its own KPI (first-wave releases, green):
-- checks on time are green, but the spares shelf is red.
INSERT INTO units(id, title, parent, owner) VALUES
  ('eems_regional', 'Eems Regional', 'eems_air', 'Managing Director Eems Regional'),
  ('eems_technics', 'Eems Technics', 'eems_air', 'Accountable Manager'),
  ('technics_hangar', 'Eelde base hangar', 'eems_technics', 'Hangar Manager');

INSERT INTO objectives(id, perspective, cluster, title, weight, owner, rollup, unit) VALUES
  ('reg_profit',      'financial', NULL, 'Fly the feeder routes at a profit', 1, 'Managing Director Eems Regional', 'weighted', 'eems_regional'),
  ('reg_connections', 'customer', NULL, 'Bring the islands to the network', 1, 'Managing Director Eems Regional', 'weighted', 'eems_regional'),
  ('reg_turns',       'internal', 'operations', 'Turn the ATRs in 20 minutes', 1, 'Station Manager Eems Regional', 'weighted', 'eems_regional'),
  ('reg_local_crews', 'learning', NULL, 'Crews who live in the north', 1, 'Crew Manager Eems Regional', 'weighted', 'eems_regional'),

  ('tech_cost',       'financial', NULL, 'Maintain at a competitive cost per flight hour', 1, 'Accountable Manager', 'weighted', 'eems_technics'),
  ('tech_dispatch',   'customer', NULL, 'Release every aircraft on time', 1.5, 'Accountable Manager', 'aligned', 'eems_technics'),
  ('tech_first_fix',  'internal', 'operations', 'Fix a defect at the first visit', 1, 'Technical Manager', 'weighted', 'eems_technics'),
  ('tech_licences',   'learning', NULL, 'A licensed engineer on every shift', 1, 'Quality Manager', 'weighted', 'eems_technics'),

  ('hangar_checks',   'internal', 'operations', 'Finish every scheduled check on time', 1, 'Hangar Manager', 'weighted', 'technics_hangar'),
  ('hangar_spares',   'internal', 'operations', 'Have the spare part on the shelf', 1, 'Stores Supervisor', 'weighted', 'technics_hangar');

INSERT INTO processes(id, cluster, subprocess, title, owner, unit) VALUES
  ('reg_island_ops',  'operations', 'produce', 'Island flight operations', 'Station Manager Eems Regional', 'eems_regional'),
  ('tech_planning',   'operations', 'risk',    'Maintenance planning', 'Technical Manager', 'eems_technics'),
  ('hangar_base_checks', 'operations', 'produce', 'Base maintenance checks', 'Hangar Manager', 'technics_hangar'),
  ('hangar_stores',   'operations', 'supply',  'Spare parts stores', 'Stores Supervisor', 'technics_hangar');

-- Each unit's own causes and effects, then its alignment with the units
-- above it: the weight says how much an aligned objective counts in a
-- roll-up.
INSERT INTO links(cause, effect, weight, note) VALUES
  ('reg_island_ops',  'reg_turns',       1,   NULL),
  ('reg_local_crews', 'reg_turns',       0.6, 'no crew positioning from Amsterdam'),
  ('reg_turns',       'reg_connections', 1,   'a late ATR misses the connection'),
  ('reg_connections', 'reg_profit',      1,   NULL),
  ('tech_planning',   'tech_first_fix',  1,   NULL),
  ('tech_licences',   'tech_first_fix',  0.8, NULL),
  ('tech_first_fix',  'tech_dispatch',   1,   NULL),
  ('tech_first_fix',  'tech_cost',       0.5, NULL),
  ('hangar_base_checks', 'hangar_checks', 1,  NULL),
  ('hangar_stores',   'hangar_spares',   1,   NULL),

  ('reg_profit',      'operating_margin', 0.5, 'alignment: the subsidiary''s result'),
  ('reg_connections', 'frequent_flyers',  1,   'alignment: island passengers fly on with us'),
  ('reg_turns',       'fast_turns',       0.5, 'alignment'),
  ('tech_cost',       'unit_cost',        0.5, 'alignment: maintenance is a fifth of unit cost'),
  ('tech_dispatch',   'on_time',          1,   'alignment: the airline leaves on time when its aircraft do'),
  ('hangar_checks',   'tech_dispatch',    1,   'alignment: an aircraft back from its check on time'),
  ('hangar_spares',   'tech_dispatch',    0.5, 'alignment: no aircraft waits for a part');

-- tech_dispatch's own KPI is shown, but the hangar's objectives score it.
INSERT INTO kpis(id, objective, title, unit, polarity, baseline, target, red, weight, frequency, aggregation) VALUES
  ('reg_margin', 'reg_profit', 'Operating margin of Eems Regional', '%',
   'higher', 1, 5, 2, 1, 'month', 'average'),
  ('reg_connecting', 'reg_connections', 'Regional passengers connecting to Eems Air', '%',
   'higher', 30, 45, 35, 1, 'month', 'average'),
  ('reg_turn_time', 'reg_turns', 'Median ATR turnaround time', 'min',
   'lower', 28, 20, 25, 1, 'month', 'average'),
  ('reg_local_crew', 'reg_local_crews', 'Crew members living in the north', '%',
   'higher', 40, 70, 50, 1, 'month', 'last'),
  ('tech_cost_fh', 'tech_cost', 'Maintenance cost per flight hour', 'EUR',
   'lower', 410, 380, 400, 1, 'month', 'average'),
  ('first_time_fix', 'tech_first_fix', 'Defects fixed at the first visit', '%',
   'higher', 80, 92, 85, 1, 'month', 'average'),
  ('licensed_shifts', 'tech_licences', 'Shifts with a licensed engineer', '%',
   'higher', 88, 100, 95, 1, 'month', 'average'),
  ('checks_on_time', 'hangar_checks', 'Scheduled checks finished on time', '%',
   'higher', 70, 95, 85, 1, 'month', 'average'),
  ('spares_fill_rate', 'hangar_spares', 'Parts requests filled from the shelf', '%',
   'higher', 85, 97, 92, 1, 'month', 'average'),
  ('first_wave', 'tech_dispatch', 'Aircraft released for the first wave', '%',
   'higher', 90, 99, 95, 1, 'month', 'average');

INSERT INTO measurements(kpi, period, actual) VALUES
  ('reg_margin', '2026-01', 0.5), ('reg_margin', '2026-02', 1.0), ('reg_margin', '2026-03', 1.8),
  ('reg_margin', '2026-04', 2.4), ('reg_margin', '2026-05', 3.0), ('reg_margin', '2026-06', 3.6),
  ('reg_margin', '2026-07', 4.4), ('reg_margin', '2026-08', 4.8), ('reg_margin', '2026-09', 3.2),
  ('reg_margin', '2026-10', 2.6),
  ('reg_connecting', '2026-01', 31), ('reg_connecting', '2026-02', 32), ('reg_connecting', '2026-03', 34),
  ('reg_connecting', '2026-04', 35), ('reg_connecting', '2026-05', 37), ('reg_connecting', '2026-06', 38),
  ('reg_connecting', '2026-07', 40), ('reg_connecting', '2026-08', 41), ('reg_connecting', '2026-09', 42),
  ('reg_connecting', '2026-10', 43),
  ('reg_turn_time', '2026-01', 27), ('reg_turn_time', '2026-02', 26), ('reg_turn_time', '2026-03', 26),
  ('reg_turn_time', '2026-04', 25), ('reg_turn_time', '2026-05', 24), ('reg_turn_time', '2026-06', 23),
  ('reg_turn_time', '2026-07', 22), ('reg_turn_time', '2026-08', 21), ('reg_turn_time', '2026-09', 20),
  ('reg_turn_time', '2026-10', 19),
  ('reg_local_crew', '2026-01', 42), ('reg_local_crew', '2026-02', 42), ('reg_local_crew', '2026-03', 44),
  ('reg_local_crew', '2026-04', 45), ('reg_local_crew', '2026-05', 45), ('reg_local_crew', '2026-06', 47),
  ('reg_local_crew', '2026-07', 48), ('reg_local_crew', '2026-08', 48), ('reg_local_crew', '2026-09', 49),
  ('reg_local_crew', '2026-10', 49),
  ('tech_cost_fh', '2026-01', 405), ('tech_cost_fh', '2026-02', 402), ('tech_cost_fh', '2026-03', 400),
  ('tech_cost_fh', '2026-04', 398), ('tech_cost_fh', '2026-05', 396), ('tech_cost_fh', '2026-06', 395),
  ('tech_cost_fh', '2026-07', 392), ('tech_cost_fh', '2026-08', 390), ('tech_cost_fh', '2026-09', 389),
  ('tech_cost_fh', '2026-10', 386),
  ('first_time_fix', '2026-01', 84), ('first_time_fix', '2026-02', 85), ('first_time_fix', '2026-03', 87),
  ('first_time_fix', '2026-04', 88), ('first_time_fix', '2026-05', 89), ('first_time_fix', '2026-06', 90),
  ('first_time_fix', '2026-07', 91), ('first_time_fix', '2026-08', 92), ('first_time_fix', '2026-09', 93),
  ('first_time_fix', '2026-10', 93),
  ('licensed_shifts', '2026-01', 94), ('licensed_shifts', '2026-02', 95), ('licensed_shifts', '2026-03', 95),
  ('licensed_shifts', '2026-04', 96), ('licensed_shifts', '2026-05', 96), ('licensed_shifts', '2026-06', 97),
  ('licensed_shifts', '2026-07', 96), ('licensed_shifts', '2026-08', 95), ('licensed_shifts', '2026-09', 94),
  ('licensed_shifts', '2026-10', 93),
  ('checks_on_time', '2026-01', 78), ('checks_on_time', '2026-02', 80), ('checks_on_time', '2026-03', 83),
  ('checks_on_time', '2026-04', 85), ('checks_on_time', '2026-05', 88), ('checks_on_time', '2026-06', 90),
  ('checks_on_time', '2026-07', 92), ('checks_on_time', '2026-08', 94), ('checks_on_time', '2026-09', 95),
  ('checks_on_time', '2026-10', 96),
  ('spares_fill_rate', '2026-01', 91), ('spares_fill_rate', '2026-02', 92), ('spares_fill_rate', '2026-03', 93),
  ('spares_fill_rate', '2026-04', 92), ('spares_fill_rate', '2026-05', 91), ('spares_fill_rate', '2026-06', 90),
  ('spares_fill_rate', '2026-07', 91), ('spares_fill_rate', '2026-08', 90), ('spares_fill_rate', '2026-09', 89),
  ('spares_fill_rate', '2026-10', 88),
  ('first_wave', '2026-01', 94), ('first_wave', '2026-02', 95), ('first_wave', '2026-03', 96),
  ('first_wave', '2026-04', 96), ('first_wave', '2026-05', 97), ('first_wave', '2026-06', 97),
  ('first_wave', '2026-07', 98), ('first_wave', '2026-08', 98), ('first_wave', '2026-09', 99),
  ('first_wave', '2026-10', 99);

COMMIT;
