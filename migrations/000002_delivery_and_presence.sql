-- Delivery acknowledgements and presence aggregated across API nodes.
alter table read_cursors add column last_delivered_seq integer not null default 0;

-- One row per open, signed-in socket on any API node; each node refreshes its own rows.
create table presence_connections (
  id uuid primary key,
  node_id text not null,
  subject_type text not null check (subject_type in ('agent', 'visitor')),
  subject_id uuid not null,
  account_id uuid not null references accounts(id) on delete cascade,
  opened_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now()
);
create index presence_connections_subject_idx on presence_connections (subject_type, subject_id);
create index presence_connections_heartbeat_idx on presence_connections (heartbeat_at);

-- The settled state: online flips to false only after the grace period with no connection.
create table presence_status (
  subject_type text not null check (subject_type in ('agent', 'visitor')),
  subject_id uuid not null,
  account_id uuid not null references accounts(id) on delete cascade,
  online boolean not null default false,
  changed_at timestamptz not null default now(),
  primary key (subject_type, subject_id)
);
create index presence_status_account_idx on presence_status (account_id) where online;

-- An agent who connects is available unless they chose away or offline.
alter table agents alter column availability set default 'online';
update agents set availability = 'online' where availability = 'offline';
