-- ListCases order_by due_time (an agent's queue, earliest deadline first)
-- walks a tenant's cases in deadline order instead of sorting them all;
-- cases_by_due_time (state, due_time) stays for the overdue sweep across
-- tenants.
ALTER TABLE cases ADD INDEX cases_by_tenant_due_time (tenant_id, due_time);
