-- Parley's domain core: accounts, agents, teams, inboxes, contacts, conversations, messages.
create extension if not exists vector;

create table server_settings (
  key text primary key,
  value text not null
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  last_conversation_number integer not null default 0,
  created_at timestamptz not null default now()
);

create table agents (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'agent')),
  password_hash text not null,
  active boolean not null default true,
  availability text not null default 'offline' check (availability in ('online', 'away', 'offline')),
  created_at timestamptz not null default now()
);
create unique index agents_email_key on agents (lower(email));
create index agents_account_idx on agents (account_id);

create table agent_sessions (
  id uuid primary key default gen_random_uuid(),
  agent_id uuid not null references agents(id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);

-- One row per failed sign-in, counted in a sliding window per IP and per email.
create table sign_in_failures (
  id bigint generated always as identity primary key,
  bucket text not null,
  failed_at timestamptz not null default now()
);
create index sign_in_failures_bucket_idx on sign_in_failures (bucket, failed_at);

create table teams (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now(),
  unique (account_id, name)
);

create table team_members (
  team_id uuid not null references teams(id) on delete cascade,
  agent_id uuid not null references agents(id) on delete cascade,
  primary key (team_id, agent_id)
);

create table inboxes (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  name text not null,
  channel text not null check (channel in ('web', 'email', 'sms')),
  website_token text unique,
  -- Widget appearance and behaviour (colour, greeting, reply time, pre-chat form ...).
  settings jsonb not null default '{}'::jsonb,
  allowed_domains text[] not null default '{}',
  require_identity_verification boolean not null default false,
  identity_secret text not null,
  created_at timestamptz not null default now()
);
create index inboxes_account_idx on inboxes (account_id);

create table contacts (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  name text,
  email text,
  phone text,
  attributes jsonb not null default '{}'::jsonb,
  last_seen_at timestamptz,
  created_at timestamptz not null default now()
);
create index contacts_account_idx on contacts (account_id);

create table contact_identities (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  contact_id uuid not null references contacts(id) on delete cascade,
  kind text not null check (kind in ('visitor', 'user', 'email', 'phone')),
  value text not null,
  verified boolean not null default false,
  created_at timestamptz not null default now(),
  unique (account_id, kind, value)
);
create index contact_identities_contact_idx on contact_identities (contact_id);

create table conversations (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  inbox_id uuid not null references inboxes(id) on delete cascade,
  contact_id uuid not null references contacts(id) on delete cascade,
  number integer not null,
  status text not null default 'open' check (status in ('open', 'pending', 'snoozed', 'resolved')),
  priority text not null default 'none' check (priority in ('none', 'low', 'medium', 'high', 'urgent')),
  assignee_id uuid references agents(id) on delete set null,
  team_id uuid references teams(id) on delete set null,
  snoozed_until timestamptz,
  waiting_since timestamptz,
  first_reply_at timestamptz,
  last_seq integer not null default 0,
  last_activity_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  unique (account_id, number)
);
create index conversations_list_idx on conversations (account_id, last_activity_at desc, id desc);
create index conversations_contact_idx on conversations (contact_id);
create index conversations_snoozed_idx on conversations (snoozed_until) where status = 'snoozed';

create table messages (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  conversation_id uuid not null references conversations(id) on delete cascade,
  seq integer not null,
  client_message_id text,
  sender_type text not null check (sender_type in ('visitor', 'agent', 'bot', 'system')),
  sender_id uuid,
  kind text not null check (kind in ('text', 'note', 'event')),
  body text not null,
  metadata jsonb not null default '{}'::jsonb,
  delivery_status text not null default 'stored' check (delivery_status in ('stored', 'delivered', 'read', 'failed')),
  created_at timestamptz not null default now(),
  unique (conversation_id, seq),
  unique (conversation_id, client_message_id)
);

create table read_cursors (
  conversation_id uuid not null references conversations(id) on delete cascade,
  reader_type text not null check (reader_type in ('visitor', 'agent')),
  reader_id uuid not null,
  last_read_seq integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (conversation_id, reader_type, reader_id)
);

create table labels (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  name text not null,
  color text not null default '#6b7280',
  created_at timestamptz not null default now(),
  unique (account_id, name)
);

create table conversation_labels (
  conversation_id uuid not null references conversations(id) on delete cascade,
  label_id uuid not null references labels(id) on delete cascade,
  primary key (conversation_id, label_id)
);
create index conversation_labels_label_idx on conversation_labels (label_id);
