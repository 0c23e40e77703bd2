-- Benchmark data, generated in SQL inside ONE transaction (bench/seed.mjs runs it and
-- substitutes the {{...}} counts). Runs after the migrations and the first admin exist.
--
-- Secondary indexes of the seeded tables are dropped first and rebuilt at the end from their
-- own definitions (read from pg_indexes, so nothing here repeats a migration), which makes the
-- bulk insert several times faster. Audit events get a real hash chain: canonical JSON as in
-- libs/audit/src/audit-hash.ts, linked to the admin's creation event, so
-- GET /audit-events/verify says valid and the next event the API appends links to the last
-- seeded hash.

SET LOCAL maintenance_work_mem = '512MB';
SET LOCAL work_mem = '256MB';
SET LOCAL synchronous_commit = off;
SELECT setseed({{SEED}});

-- ---------------------------------------------------------------- indexes off
CREATE TEMP TABLE bench_saved_indexes ON COMMIT DROP AS
  SELECT i.indexname, i.indexdef
  FROM pg_indexes i
  WHERE i.schemaname = 'public'
    AND i.tablename IN ('risks', 'controls', 'tasks', 'audit_events')
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);

DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexname FROM bench_saved_indexes LOOP
    EXECUTE format('DROP INDEX %I', r.indexname);
  END LOOP;
END $$;

-- ---------------------------------------------------------------- vocabulary
CREATE TEMP TABLE bench_vocab ON COMMIT DROP AS SELECT
  ARRAY['Ransomware', 'Phishing', 'Insider', 'Vendor', 'Misconfigured', 'Unpatched',
        'Credential', 'Supply-chain', 'Legacy', 'Shadow-IT', 'Third-party', 'Cloud',
        'Privileged', 'Malware', 'Fraudulent', 'Regulatory', 'Contractual', 'Weak',
        'Unencrypted', 'Unmonitored', 'Outdated', 'Excessive', 'Orphaned', 'Manual',
        'Untested', 'Undocumented', 'Offshore', 'Single-vendor', 'Key-person', 'Expired']
    AS threat,
  ARRAY['attack on', 'exposure of', 'failure of', 'outage of', 'breach of', 'loss of',
        'tampering with', 'misuse of', 'leak from', 'disruption of']
    AS verb,
  ARRAY['customer database', 'payment gateway', 'HR records', 'file servers', 'CRM',
        'ERP system', 'payroll', 'source code repository', 'backup storage', 'email system',
        'identity provider', 'data warehouse', 'mobile app', 'public website', 'VPN',
        'trading platform', 'call centre', 'billing system', 'logistics platform',
        'document management', 'laptop fleet', 'office network', 'data centre',
        'API gateway', 'analytics pipeline', 'support portal', 'SaaS tenant',
        'encryption keys', 'audit logs', 'card data environment']
    AS asset,
  ARRAY['An attacker could', 'Staff may', 'A supplier might', 'Automation could',
        'A misconfiguration may', 'Auditors found that we could']
    AS lead,
  ARRAY['expose personal data', 'interrupt operations for days', 'breach GDPR obligations',
        'cause material financial loss', 'damage customer trust', 'violate SOX controls',
        'delay quarterly reporting', 'trigger contractual penalties',
        'leak confidential pricing', 'corrupt backups', 'lock out administrators',
        'bypass change management', 'exfiltrate intellectual property',
        'miss regulatory deadlines', 'degrade service levels']
    AS consequence,
  ARRAY['Existing monitoring is partial.', 'No compensating control is in place.',
        'The issue was raised in the last internal audit.', 'Mitigation is budgeted for next quarter.',
        'The owner reviews it monthly.', 'A similar incident happened at a peer company.',
        'Evidence of testing is incomplete.', 'The vendor has not answered our questionnaire.']
    AS remark,
  -- Weighted by repetition: a realistic register is mostly security and operations.
  ARRAY['Security', 'Security', 'Security', 'Security', 'Security', 'Security',
        'Operational', 'Operational', 'Operational', 'Privacy', 'Privacy', 'Privacy',
        'Compliance', 'Compliance', 'Compliance', 'Vendor', 'Vendor', 'Financial',
        'Financial', 'Legal', 'Strategic', 'Reputational', 'IT', 'IT', 'HR']
    AS category,
  ARRAY['open', 'open', 'open', 'open', 'open', 'open', 'open',
        'in_treatment', 'in_treatment', 'in_treatment', 'in_treatment', 'in_treatment',
        'monitoring', 'monitoring', 'monitoring', 'monitoring',
        'accepted', 'accepted', 'closed', 'closed']::risk_status[]
    AS risk_status,
  ARRAY['mitigate', 'mitigate', 'mitigate', 'mitigate', 'mitigate', 'accept', 'accept',
        'transfer', 'avoid']::risk_treatment[]
    AS treatment,
  ARRAY['AC', 'AU', 'CM', 'CP', 'IA', 'IR', 'MA', 'MP', 'PE', 'PL', 'RA', 'SA', 'SC', 'SI']
    AS control_family,
  ARRAY['ISO27001:A.5.15', 'ISO27001:A.8.15', 'ISO27001:A.8.24', 'ISO27001:A.5.23',
        'SOC2:CC6.1', 'SOC2:CC6.6', 'SOC2:CC7.2', 'SOC2:CC8.1', 'NIST-CSF:PR.AC-1',
        'NIST-CSF:DE.CM-1', 'PCI-DSS:8.3', 'PCI-DSS:10.2', 'GDPR:Art.32', 'HIPAA:164.312']
    AS framework_ref,
  ARRAY['Quarterly access review', 'Multi-factor authentication', 'Centralised logging',
        'Encrypted backups', 'Vendor due diligence', 'Patch management', 'Change approval board',
        'Data loss prevention', 'Security awareness training', 'Incident response runbook',
        'Network segmentation', 'Key rotation', 'Segregation of duties', 'Disaster recovery test']
    AS control_title,
  ARRAY['preventive', 'preventive', 'preventive', 'detective', 'detective', 'corrective']::control_type[]
    AS control_type,
  ARRAY['planned', 'in_progress', 'in_progress', 'implemented', 'implemented', 'implemented',
        'implemented', 'implemented', 'degraded', 'not_applicable', 'retired']::control_implementation_status[]
    AS implementation_status,
  ARRAY['not_tested', 'not_tested', 'effective', 'effective', 'effective',
        'partially_effective', 'partially_effective', 'ineffective']::control_effectiveness[]
    AS effectiveness,
  ARRAY['Review', 'Remediate', 'Document', 'Test', 'Patch', 'Update', 'Assess', 'Train staff on',
        'Renew contract for', 'Collect evidence for']
    AS task_verb,
  ARRAY['open', 'open', 'open', 'open', 'open', 'open', 'in_progress', 'in_progress',
        'in_progress', 'in_progress', 'in_progress', 'blocked', 'done', 'done', 'done', 'done',
        'done', 'done', 'done', 'cancelled']::task_status[]
    AS task_status,
  ARRAY['low', 'low', 'medium', 'medium', 'medium', 'medium', 'high', 'high', 'high',
        'urgent']::task_priority[]
    AS task_priority,
  ARRAY['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15',
        'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
        'rct-sdk-typescript/1.4.2', 'python-requests/2.32.3', 'curl/8.5.0']
    AS user_agent;

-- ---------------------------------------------------------------- users
-- Everyone shares the first admin's password hash; roles are weighted towards analysts.
INSERT INTO users (email, full_name, role, is_active, password_hash, tokens_valid_after,
                   created_at, updated_at)
SELECT format('user%s@bench.example', g),
       format('Bench User %s', g),
       (CASE WHEN g <= 3 THEN 'admin' WHEN g <= 40 THEN 'manager'
             WHEN g <= 200 THEN 'analyst' ELSE 'viewer' END)::user_role,
       g % 50 <> 0,
       (SELECT password_hash FROM users ORDER BY created_at LIMIT 1),
       now() - interval '1 day',
       now() - interval '3 years' + g * interval '3 days',
       now() - interval '3 years' + g * interval '3 days'
FROM generate_series(1, {{USERS}}) g;

-- Who may own risks and controls, and be assigned tasks: active admins, managers, analysts,
-- numbered so a skewed random number picks one (a few people own most of the register).
CREATE TEMP TABLE bench_people ON COMMIT DROP AS
  SELECT row_number() OVER (ORDER BY email) AS rn, id, email, role::text AS role
  FROM users WHERE is_active AND role <> 'viewer';
CREATE UNIQUE INDEX ON bench_people (rn);
ANALYZE bench_people;

-- ---------------------------------------------------------------- risks
INSERT INTO risks (title, description, category, owner_id, likelihood, impact,
                   residual_likelihood, residual_impact, status, treatment, next_review_at,
                   created_at, updated_at, version)
SELECT s.title, s.description, s.category, p.id, s.likelihood, s.impact,
       CASE WHEN s.has_residual THEN greatest(1, s.likelihood - s.reduce_l) END,
       CASE WHEN s.has_residual THEN greatest(1, s.impact - s.reduce_i) END,
       s.status,
       CASE WHEN s.status = 'open' AND s.r_treat < 0.7 THEN 'untreated'::risk_treatment
            WHEN s.status = 'accepted' THEN 'accept'::risk_treatment
            ELSE s.treatment END,
       CASE WHEN s.r_review < 0.85 THEN now() + (s.r_review - 0.3) * interval '365 days' END,
       s.created_at,
       s.created_at + s.r_upd * (now() - s.created_at),
       1 + floor(s.r_upd * 6)::int
FROM (
  SELECT v.threat[1 + floor(random() * 30)::int] || ' ' || v.verb[1 + floor(random() * 10)::int]
           || ' ' || v.asset[1 + floor(random() * 30)::int] AS title,
         v.lead[1 + floor(random() * 6)::int] || ' ' || v.consequence[1 + floor(random() * 15)::int]
           || ' through the ' || v.asset[1 + floor(random() * 30)::int] || '. '
           || v.remark[1 + floor(random() * 8)::int] || ' '
           || v.remark[1 + floor(random() * 8)::int] AS description,
         v.category[1 + floor(random() * 25)::int] AS category,
         1 + floor(power(random(), 1.6) * (SELECT count(*) FROM bench_people))::int AS owner_rn,
         -- Roughly bell-shaped 1-5 scales, a little more likely than not to sit in the middle.
         least(5, 1 + floor((random() + random()) * 2.5))::smallint AS likelihood,
         least(5, 1 + floor((random() + random()) * 2.5))::smallint AS impact,
         random() < 0.55 AS has_residual,
         floor(random() * 3)::int AS reduce_l,
         floor(random() * 3)::int AS reduce_i,
         v.risk_status[1 + floor(random() * 20)::int] AS status,
         v.treatment[1 + floor(random() * 9)::int] AS treatment,
         random() AS r_treat,
         random() AS r_review,
         random() AS r_upd,
         now() - random() * interval '3 years' AS created_at
  FROM generate_series(1, {{RISKS}}) g, bench_vocab v
  OFFSET 0
) s
JOIN bench_people p ON p.rn = s.owner_rn;

CREATE TEMP TABLE bench_risk_ids ON COMMIT DROP AS
  SELECT row_number() OVER (ORDER BY created_at, id) AS rn, id, title, category, status::text AS status,
         likelihood, impact, owner_id, created_at
  FROM risks;
CREATE UNIQUE INDEX ON bench_risk_ids (rn);
ANALYZE bench_risk_ids;

-- ---------------------------------------------------------------- controls
INSERT INTO controls (risk_id, code, title, description, type, implementation_status,
                      effectiveness, framework_refs, owner_id, last_tested_at, next_test_due_at,
                      created_at, updated_at, version)
SELECT r.id, s.family || '-' || lpad(s.g::text, 6, '0'), s.title, s.description, s.type,
       s.implementation_status, s.effectiveness, s.framework_refs, p.id,
       CASE WHEN s.effectiveness <> 'not_tested' THEN now() - s.r_test * interval '400 days' END,
       CASE WHEN s.r_due < 0.8 THEN now() + (s.r_due - 0.2) * interval '365 days' END,
       greatest(r.created_at, now() - s.r_age * interval '3 years'),
       greatest(r.created_at, now() - s.r_age * s.r_upd * interval '3 years'),
       1 + floor(s.r_upd * 4)::int
FROM (
  SELECT g,
         v.control_family[1 + floor(random() * 14)::int] AS family,
         v.control_title[1 + floor(random() * 14)::int] || ' for the '
           || v.asset[1 + floor(random() * 30)::int] AS title,
         'Addresses: ' || v.consequence[1 + floor(random() * 15)::int] || '. '
           || v.remark[1 + floor(random() * 8)::int] AS description,
         v.control_type[1 + floor(random() * 6)::int] AS type,
         v.implementation_status[1 + floor(random() * 11)::int] AS implementation_status,
         v.effectiveness[1 + floor(random() * 8)::int] AS effectiveness,
         ARRAY(SELECT DISTINCT v.framework_ref[1 + floor(random() * 14)::int]
               FROM generate_series(1, 1 + (g % 3)) WHERE g > 0) AS framework_refs,
         1 + floor(random() * {{RISKS}})::int AS risk_rn,
         1 + floor(power(random(), 1.6) * (SELECT count(*) FROM bench_people))::int AS owner_rn,
         random() AS r_test, random() AS r_due, random() AS r_age, random() AS r_upd
  FROM generate_series(1, {{CONTROLS}}) g, bench_vocab v
  OFFSET 0
) s
JOIN bench_risk_ids r ON r.rn = s.risk_rn
JOIN bench_people p ON p.rn = s.owner_rn;

-- ---------------------------------------------------------------- tasks
INSERT INTO tasks (risk_id, title, description, assignee_id, due_at, status, priority,
                   completed_at, created_at, updated_at, version)
SELECT r.id, s.title, s.description,
       CASE WHEN s.r_assign < 0.85 THEN p.id END,
       CASE WHEN s.r_due < 0.9 THEN now() + (s.r_due - 0.35) * interval '300 days' END,
       s.status, s.priority,
       CASE WHEN s.status IN ('done', 'cancelled') THEN now() - s.r_done * interval '200 days' END,
       now() - interval '200 days' - s.r_age * interval '800 days',
       now() - s.r_done * interval '200 days',
       1 + floor(s.r_done * 5)::int
FROM (
  SELECT v.task_verb[1 + floor(random() * 10)::int] || ' '
           || lower(v.control_title[1 + floor(random() * 14)::int]) || ' on the '
           || v.asset[1 + floor(random() * 30)::int] AS title,
         v.remark[1 + floor(random() * 8)::int] AS description,
         v.task_status[1 + floor(random() * 20)::int] AS status,
         v.task_priority[1 + floor(random() * 10)::int] AS priority,
         -- Most tasks belong to a minority of risks (the ones in treatment).
         1 + floor(power(random(), 1.3) * {{RISKS}})::int AS risk_rn,
         1 + floor(power(random(), 1.6) * (SELECT count(*) FROM bench_people))::int AS owner_rn,
         random() AS r_assign, random() AS r_due, random() AS r_done, random() AS r_age
  FROM generate_series(1, {{TASKS}}) g, bench_vocab v
  OFFSET 0
) s
JOIN bench_risk_ids r ON r.rn = s.risk_rn
JOIN bench_people p ON p.rn = s.owner_rn;

-- ---------------------------------------------------------------- audit events
-- Three years of history, oldest first, after the events already there (the first admin).
-- The mix: 36% risk, 20% control, 28% task, 13% session (sign-ins, refreshes), 3% user;
-- about 3% of the requests were denied and 1% failed.
CREATE TEMP TABLE bench_audit ON COMMIT DROP AS
WITH raw AS (
  SELECT n, random() AS r_kind, random() AS r_action, random() AS r_actor,
         random() AS r_outcome, random() AS r_ua,
         -- Risk events point at real risks; other kinds at fresh uuids (a register that has
         -- lived for years no longer has every row its history names).
         1 + floor(random() * {{RISKS}})::int AS risk_rn,
         date_trunc('milliseconds', now() - interval '3 years' - interval '1 hour'
           + (n::float8 / {{AUDIT}}) * interval '3 years') AS occurred_at
  FROM generate_series(1, {{AUDIT}}) n
  OFFSET 0
), kinds AS (
  SELECT raw.*,
         CASE WHEN r_kind < 0.36 THEN 'risk' WHEN r_kind < 0.56 THEN 'control'
              WHEN r_kind < 0.84 THEN 'task' WHEN r_kind < 0.97 THEN 'session'
              ELSE 'user' END AS entity_type,
         CASE WHEN r_kind < 0.36 THEN 'risks' WHEN r_kind < 0.56 THEN 'controls'
              WHEN r_kind < 0.84 THEN 'tasks' WHEN r_kind < 0.97 THEN 'auth'
              ELSE 'users' END AS plural,
         CASE WHEN r_outcome < 0.03 THEN 'denied' WHEN r_outcome < 0.04 THEN 'failed'
              ELSE 'success' END::audit_outcome AS outcome
  FROM raw
), actions AS (
  SELECT kinds.*,
         CASE WHEN entity_type = 'session' THEN (CASE WHEN r_action < 0.55 THEN 'login'
                                                      WHEN r_action < 0.9 THEN 'refresh'
                                                      ELSE 'logout' END)
              WHEN r_action < 0.3 THEN 'create'
              WHEN r_action < 0.95 THEN 'update'
              ELSE 'delete' END AS action,
         CASE WHEN entity_type = 'session' OR r_action < 0.3 THEN 'POST'
              WHEN r_action < 0.95 THEN 'PATCH'
              ELSE 'DELETE' END AS method
  FROM kinds
)
SELECT s.n,
       gen_random_uuid() AS id,
       s.occurred_at,
       a.id AS actor_id, a.email AS actor_email, a.role AS actor_role,
       s.action, s.outcome,
       s.entity_type,
       e.entity_id,
       s.method,
       e.route,
       CASE WHEN e.entity_id IS NULL OR s.entity_type = 'session' THEN e.route
            ELSE replace(e.route, ':id', e.entity_id) END AS path,
       CASE s.outcome WHEN 'denied' THEN 403 WHEN 'failed' THEN 409
            ELSE CASE s.method WHEN 'POST' THEN 201 WHEN 'DELETE' THEN 204 ELSE 200 END END
         AS status_code,
       gen_random_uuid()::text AS request_id,
       '10.' || (s.n % 200) || '.' || (s.n % 97) || '.' || (1 + s.n % 250) AS ip,
       v.user_agent[1 + floor(s.r_ua * 6)::int] AS user_agent,
       CASE
         WHEN s.outcome <> 'success' OR s.entity_type IN ('session', 'user') THEN '{}'
         WHEN s.action = 'create' AND s.entity_type = 'risk' THEN
           '{"category":{"from":null,"to":' || to_json(r.category)::text
           || '},"impact":{"from":null,"to":' || r.impact
           || '},"likelihood":{"from":null,"to":' || r.likelihood
           || '},"status":{"from":null,"to":"open"},"title":{"from":null,"to":'
           || to_json(r.title)::text || '}}'
         WHEN s.action = 'create' THEN
           '{"riskId":{"from":null,"to":"' || r.id || '"},"status":{"from":null,"to":"open"}}'
         WHEN s.action = 'delete' THEN
           '{"title":{"from":' || to_json(r.title)::text || ',"to":null}}'
         WHEN s.entity_type = 'task' THEN
           '{"status":{"from":"open","to":"in_progress"}}'
         WHEN s.entity_type = 'control' THEN
           '{"effectiveness":{"from":"not_tested","to":"effective"},"lastTestedAt":{"from":null,"to":"'
           || to_char(s.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"}}'
         ELSE
           '{"impact":{"from":' || r.impact || ',"to":' || greatest(1, r.impact - 1)
           || '},"status":{"from":"open","to":"in_treatment"}}'
       END AS changes_text
FROM actions s
CROSS JOIN bench_vocab v
JOIN bench_people a
  ON a.rn = 1 + floor(power(s.r_actor, 1.4) * (SELECT count(*) FROM bench_people))::int
JOIN bench_risk_ids r ON r.rn = s.risk_rn
CROSS JOIN LATERAL (SELECT
  CASE WHEN s.entity_type = 'risk' THEN r.id::text
       WHEN s.entity_type IN ('control', 'task') THEN gen_random_uuid()::text
       WHEN s.entity_type = 'session' THEN gen_random_uuid()::text
       ELSE a.id::text END AS entity_id,
  CASE WHEN s.entity_type = 'session'
         THEN '/api/v1/auth/' || (CASE s.action WHEN 'login' THEN 'login'
                                  WHEN 'refresh' THEN 'refresh' ELSE 'logout' END)
       WHEN s.method = 'POST' THEN '/api/v1/' || s.plural
       ELSE '/api/v1/' || s.plural || '/:id' END AS route
) e;

-- The canonical JSON of each event minus its prevHash, split around it (keys sorted).
CREATE TEMP TABLE bench_audit_canon ON COMMIT DROP AS
SELECT n,
  '{"action":' || to_json(action)::text
        || ',"actorEmail":' || coalesce(to_json(actor_email)::text, 'null')
        || ',"actorId":' || coalesce(to_json(actor_id::text)::text, 'null')
        || ',"actorRole":' || coalesce(to_json(actor_role)::text, 'null')
        || ',"changes":' || changes_text
        || ',"entityId":' || coalesce(to_json(entity_id)::text, 'null')
        || ',"entityType":' || coalesce(to_json(entity_type)::text, 'null')
        || ',"id":' || to_json(id::text)::text
        || ',"ip":' || coalesce(to_json(ip)::text, 'null')
        || ',"method":' || to_json(method)::text
        || ',"occurredAt":"' || to_char(occurred_at AT TIME ZONE 'UTC',
                                         'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
        || ',"outcome":' || to_json(outcome::text)::text
        || ',"path":' || to_json(path)::text
        || ',"prevHash":"' AS prefix,
  '","requestId":' || to_json(request_id)::text
        || ',"route":' || coalesce(to_json(route)::text, 'null')
        || ',"statusCode":' || status_code
        || ',"userAgent":' || coalesce(to_json(user_agent)::text, 'null')
        || '}' AS suffix
FROM bench_audit;

DO $$
DECLARE
  prev text := coalesce((SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), repeat('0', 64));
  prevs text[] := array_fill(NULL::text, ARRAY[{{AUDIT}}]);
  hashes text[] := array_fill(NULL::text, ARRAY[{{AUDIT}}]);
  r record;
  h text;
BEGIN
  FOR r IN SELECT n, prefix, suffix FROM bench_audit_canon ORDER BY n LOOP
    h := encode(sha256(convert_to(r.prefix || prev || r.suffix, 'UTF8')), 'hex');
    prevs[r.n] := prev;
    hashes[r.n] := h;
    prev := h;
  END LOOP;
  CREATE TEMP TABLE bench_audit_hash ON COMMIT DROP AS
    SELECT p.n::int AS n, p.prev_hash, hs.hash
    FROM unnest(prevs) WITH ORDINALITY AS p(prev_hash, n)
    JOIN unnest(hashes) WITH ORDINALITY AS hs(hash, n) USING (n);
END $$;

INSERT INTO audit_events (id, occurred_at, actor_id, actor_email, actor_role, action, outcome,
                          entity_type, entity_id, method, route, path, status_code, request_id,
                          ip, user_agent, changes, prev_hash, hash)
SELECT b.id, b.occurred_at, b.actor_id, b.actor_email, b.actor_role, b.action, b.outcome,
       b.entity_type, b.entity_id, b.method, b.route, b.path, b.status_code, b.request_id,
       b.ip, b.user_agent, b.changes_text::jsonb, h.prev_hash, h.hash
FROM bench_audit b JOIN bench_audit_hash h USING (n)
ORDER BY b.n;

-- ---------------------------------------------------------------- indexes back on
-- The change-stamp triggers (migration ChangeStamps) are deferred, and PostgreSQL refuses
-- CREATE INDEX on a table with pending trigger events: fire them now.
SET CONSTRAINTS ALL IMMEDIATE;

DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexdef FROM bench_saved_indexes LOOP
    EXECUTE r.indexdef;
  END LOOP;
END $$;

CREATE TABLE IF NOT EXISTS bench_seed (
  seeded_at timestamptz NOT NULL DEFAULT now(),
  users integer NOT NULL,
  risks integer NOT NULL,
  controls integer NOT NULL,
  tasks integer NOT NULL,
  audit_events integer NOT NULL,
  seed double precision NOT NULL
);
INSERT INTO bench_seed (users, risks, controls, tasks, audit_events, seed)
VALUES ({{USERS}}, {{RISKS}}, {{CONTROLS}}, {{TASKS}}, {{AUDIT}}, {{SEED}});
