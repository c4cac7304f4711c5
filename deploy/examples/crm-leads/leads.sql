-- A CRM's own leads table, as a typical CRM keeps it (one row per lead, flat columns).
-- GardenOS reads it through LEAD_SOURCE_MAPPING (mapping.yaml or mapping-query.yaml beside this file).
create table if not exists leads (
  id              bigint primary key,
  tenant          text not null default 'default',
  company_name    text,
  industry        text,
  employees       integer,
  annual_revenue  numeric(14, 2),
  country         text,
  contact_name    text,
  job_title       text,
  email           text,
  do_not_email    boolean not null default false,
  lead_source     text,
  lead_origin     text,
  created_at      timestamptz not null default now(),
  site_visits     integer,
  seconds_on_site integer,
  page_views      integer,
  last_activity   text,
  notes           text,
  crm_stage       text,
  crm_score       integer
);

insert into leads (id, tenant, company_name, industry, employees, annual_revenue, country, contact_name, job_title, email, lead_source, lead_origin, created_at, site_visits, seconds_on_site, page_views, last_activity, notes, crm_stage, crm_score) values
  (4711, 'default', 'Gruenwald Gartenbau GmbH', 'Landscaping', 85, 12500000.00, 'Germany', 'Petra Gruenwald', 'Managing Director', 'petra@gruenwald-garten.example', 'Referral', 'Landing Page Submission', '2026-11-02T09:15:00Z', 9, 1840, 31, 'Demo Requested', 'Asked for a demo of the irrigation planner.', 'qualified', 72),
  (4712, 'default', 'Blue Fern Nurseries', 'Horticulture', 12, 900000.00, 'United Kingdom', 'Sam Patel', 'Owner', 'sam@bluefern.example', 'Organic Search', 'API', '2026-11-10T14:02:00Z', 2, 95, 3, 'Email Opened', null, 'new', 18),
  (4713, 'default', 'Verde Paisajismo', 'Landscaping', 240, null, 'Spain', 'Lucia Martin', 'Head of Operations', 'lucia@verde.example', 'Trade show', 'Import', '2026-10-28T08:00:00Z', 5, 720, 14, 'Pricing Page Visited', 'Met at GaLaBau; wants pricing for 40 crews.', 'qualified', 61),
  (4714, 'acme',    'Acme Lawn Care', 'Landscaping', 30, 2100000.00, 'United States', 'Jordan Lee', 'Office Manager', 'jordan@acme-lawn.example', 'Olark Chat', 'Landing Page Submission', '2026-11-12T16:40:00Z', 1, 40, 2, 'Chat Started', null, 'new', 22),
  -- A row a CRM export got wrong: the e-mail column holds a name, not an address.
  (4799, 'default', 'Broken Row Ltd', 'Landscaping', 5, null, 'Ireland', 'Pat Murphy', 'Owner', 'Pat Murphy', 'Referral', 'Import', '2026-11-01T10:00:00Z', 1, 10, 1, null, null, 'new', 5)
on conflict (id) do nothing;
