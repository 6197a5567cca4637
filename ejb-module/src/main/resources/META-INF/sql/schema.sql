-- OrderFlow's schema. Run on every start, so every statement must be repeatable.

create table if not exists products (
    sku varchar(32) primary key,
    name varchar(200) not null,
    price numeric(12, 2) not null,
    stock integer not null check (stock >= 0),
    reserved integer not null default 0,
    version bigint not null default 0
);

create table if not exists orders (
    id uuid primary key,
    customer_email varchar(254) not null,
    status varchar(16) not null,
    currency char(3) not null,
    total numeric(14, 2) not null,
    payment_authorization varchar(100) not null,
    created_at timestamp with time zone not null,
    cancelled_at timestamp with time zone,
    version bigint not null default 0
);

create table if not exists order_lines (
    order_id uuid not null references orders (id),
    line_no integer not null,
    sku varchar(32) not null,
    quantity integer not null check (quantity > 0),
    unit_price numeric(12, 2) not null,
    primary key (order_id, line_no)
);

create table if not exists idempotency_keys (
    idempotency_key varchar(255) primary key,
    request_fingerprint varchar(64) not null,
    order_id uuid not null references orders (id),
    created_at timestamp with time zone not null
);

create table if not exists order_effects (
    order_id uuid not null references orders (id),
    effect varchar(32) not null,
    event_id varchar(64) not null,
    event_type varchar(32) not null,
    state varchar(16) not null,
    attempts integer not null default 0,
    updated_at timestamp with time zone not null,
    completed_at timestamp with time zone,
    primary key (order_id, effect)
);
alter table order_effects add column if not exists failure_class varchar(200);
alter table order_effects add column if not exists failure_message varchar(1000);
alter table order_effects add column if not exists failure_fingerprint varchar(16);
alter table order_effects add column if not exists failure_permanent boolean not null default false;
alter table order_effects add column if not exists first_failed_at timestamp with time zone;
alter table order_effects add column if not exists last_failed_at timestamp with time zone;

-- A message in an effect's dead-letter queue, and why it is there: the broker's dead letter carries only its origin
create table if not exists dead_letters (
    effect varchar(32) not null,
    event_id varchar(128) not null,
    order_id uuid,
    event_type varchar(32),
    state varchar(16) not null,
    failure_class varchar(200),
    failure_message varchar(1000),
    failure_fingerprint varchar(16),
    failure_permanent boolean not null,
    attempts integer not null,
    first_failed_at timestamp with time zone,
    last_failed_at timestamp with time zone,
    dead_lettered_at timestamp with time zone not null,
    retries integer not null default 0,
    primary key (effect, event_id)
);

-- Who did what to which dead letter, and when
create table if not exists dead_letter_actions (
    id bigserial primary key,
    action varchar(16) not null,
    actor varchar(100) not null,
    acted_at timestamp with time zone not null,
    effect varchar(32) not null,
    event_id varchar(128) not null,
    order_id uuid,
    reason varchar(500)
);

create table if not exists processed_messages (
    consumer varchar(64) not null,
    event_id varchar(64) not null,
    processed_at timestamp with time zone not null,
    primary key (consumer, event_id)
);
alter table processed_messages add column if not exists order_id uuid;
alter table processed_messages add column if not exists event_type varchar(32);

create table if not exists inventory_reservations (
    order_id uuid not null,
    sku varchar(32) not null references products (sku),
    quantity integer not null,
    state varchar(16) not null,
    reserved_at timestamp with time zone not null,
    released_at timestamp with time zone,
    primary key (order_id, sku)
);

create table if not exists search_orders (
    order_id uuid primary key,
    customer_email varchar(254) not null,
    skus varchar(2000) not null,
    status varchar(16) not null,
    total numeric(14, 2) not null,
    placed_at timestamp with time zone not null
);

create table if not exists daily_sku_sales (
    day date not null,
    sku varchar(32) not null,
    units bigint not null,
    revenue numeric(16, 2) not null,
    primary key (day, sku)
);

create table if not exists co_purchases (
    sku_a varchar(32) not null,
    sku_b varchar(32) not null,
    times bigint not null,
    primary key (sku_a, sku_b)
);

-- Telemetry: one row per written batch (the writer's idempotency guard and its throughput record), and the readings
create table if not exists telemetry_batches (
    batch_id uuid primary key,
    readings integer not null,
    accepted_at timestamp with time zone not null,
    written_at timestamp with time zone not null
);
create index if not exists telemetry_batches_written_at on telemetry_batches (written_at);

create table if not exists readings (
    batch_id uuid not null,
    seq integer not null,
    sensor_id varchar(64) not null,
    metric varchar(64) not null,
    observed_at timestamp with time zone not null,
    value double precision not null,
    primary key (batch_id, seq)
);
