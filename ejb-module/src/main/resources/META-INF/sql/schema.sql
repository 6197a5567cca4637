-- OrderFlow's schema. Run at a start when its text changed, so every statement must be repeatable.
-- Transactions still prepared (in doubt) after a crash hold locks on these tables until the server's recovery settles
-- them, which it can only do once started: a statement that must wait for a lock gives up after 2 s, failing the start
-- with a message, instead of queueing every reader of its table behind it.
set lock_timeout = '2s';

create table if not exists products (
    sku varchar(32) primary key,
    name varchar(200) not null,
    price numeric(12, 2) not null,
    stock integer not null check (stock >= 0),
    reserved integer not null default 0,
    version bigint not null default 0,
    -- no oversell, whatever the application does: the checkout holds stock with a conditional update, and this
    -- refuses anything that gets past it
    constraint products_reserved_within_stock check (reserved >= 0 and reserved <= stock)
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
    version bigint not null default 0,
    last_event_seq integer not null default 0
);

create table if not exists order_lines (
    order_id uuid not null references orders (id),
    line_no integer not null,
    sku varchar(32) not null,
    quantity integer not null check (quantity > 0),
    unit_price numeric(12, 2) not null,
    primary key (order_id, line_no)
);

-- An Idempotency-Key: the request it came with, the checkout it is held by or the order it produced
create table if not exists checkout_keys (
    idempotency_key varchar(255) primary key,
    request_fingerprint varchar(64) not null,
    state varchar(16) not null,
    attempt integer not null,
    order_id uuid references orders (id),
    updated_at timestamp with time zone not null,
    version bigint not null
);

-- What the payment service is asked under for the key: random, the same for every retry until it is spent (voided).
-- Keys from before this column get a new one (their earlier attempt is voided as abandoned)
alter table checkout_keys add column if not exists payment_key varchar(64);
update checkout_keys set payment_key = gen_random_uuid()::text where payment_key is null;
alter table checkout_keys alter column payment_key set not null;

-- An authorization asked for and not yet owned by an order; one left behind by a checkout that died is voided.
-- A voided one stays (voided_at) while its key may come back: a retry under the same Idempotency-Key would otherwise be
-- answered with the voided authorization
create table if not exists payment_attempts (
    payment_key varchar(64) primary key,
    token varchar(100) not null,
    amount numeric(14, 2) not null,
    currency char(3) not null,
    started_at timestamp with time zone not null
);
alter table payment_attempts add column if not exists voided_at timestamp with time zone;

-- Stock a checkout holds before its order is recorded (checkout's StockHold): the order's transaction deletes the rows
-- as it takes the hold over, a failed checkout or the sweep of lapsed holds deletes them and gives the units back in
-- the same transaction, so a hold goes back once at most
create table if not exists stock_holds (
    hold_id uuid not null,
    sku varchar(32) not null,
    quantity integer not null check (quantity > 0),
    held_at timestamp with time zone not null,
    primary key (hold_id, sku)
);
create index if not exists stock_holds_held_at on stock_holds (held_at);

-- Where each effect stands with each event of an order; also the lock that keeps an order's events in sequence
create table if not exists effect_events (
    order_id uuid not null references orders (id),
    effect varchar(32) not null,
    seq integer not null,
    event_id varchar(64) not null,
    event_type varchar(32) not null,
    state varchar(16) not null,
    attempts integer not null default 0,
    held_event text,
    held_at timestamp with time zone,
    updated_at timestamp with time zone not null,
    completed_at timestamp with time zone,
    version bigint not null default 0,
    primary key (order_id, effect, seq)
);

-- Every failed attempt, added in a transaction of its own while the consumer's still holds the event's row, so no
-- foreign key (its check would wait for that lock)
create table if not exists effect_failures (
    id bigserial primary key,
    order_id uuid not null,
    effect varchar(32) not null,
    seq integer not null,
    event_id varchar(64) not null,
    attempt integer not null,
    failure_class varchar(200) not null,
    failure_message varchar(1000) not null,
    failure_fingerprint varchar(16) not null,
    permanent boolean not null,
    failed_at timestamp with time zone not null
);
create index if not exists effect_failures_by_event on effect_failures (order_id, effect, seq);

-- A message in a dead-letter queue, and why it is there: the broker's dead letter carries only its origin
create table if not exists dead_letter_messages (
    origin_queue varchar(128) not null,
    message_id varchar(128) not null,
    event_id varchar(64),
    order_id uuid,
    event_type varchar(32),
    state varchar(16) not null,
    failure_class varchar(200),
    failure_message varchar(1000),
    failure_fingerprint varchar(16),
    failure_permanent boolean not null,
    failed_attempts integer not null,
    first_failed_at timestamp with time zone,
    last_failed_at timestamp with time zone,
    dead_lettered_at timestamp with time zone not null,
    retries integer not null default 0,
    version bigint not null default 0,
    primary key (origin_queue, message_id)
);

-- A consumer's verdict on a delivery that failed for good: its next delivery goes to the dead-letter queue. The
-- diverts give each effect a copy of an event with the same message id, hence the effect in the key
create table if not exists dead_letter_verdicts (
    message_id varchar(128) not null,
    effect varchar(32) not null,
    event_id varchar(64) not null,
    decided_at timestamp with time zone not null,
    primary key (message_id, effect)
);

-- Who did what to which dead letter, and when
create table if not exists dead_letter_actions (
    id bigserial primary key,
    action varchar(16) not null,
    actor varchar(100) not null,
    acted_at timestamp with time zone not null,
    source varchar(32) not null,
    event_id varchar(128) not null,
    order_id uuid,
    reason varchar(500)
);
-- The column was named effect while it also held the telemetry's and the payment voids' letters
do $$
begin
    if exists (select 1 from information_schema.columns
               where table_name = 'dead_letter_actions' and column_name = 'effect') then
        alter table dead_letter_actions rename column effect to source;
    end if;
end
$$;

create table if not exists processed_messages (
    consumer varchar(64) not null,
    event_id varchar(64) not null,
    processed_at timestamp with time zone not null,
    order_id uuid,
    event_type varchar(32),
    primary key (consumer, event_id)
);

-- The inventory effect: what the warehouse picks for which order
create table if not exists stock_allocations (
    order_id uuid not null,
    sku varchar(32) not null references products (sku),
    quantity integer not null,
    state varchar(16) not null,
    allocated_at timestamp with time zone not null,
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

-- The search's full-text index, shared by every node; OrderSearch queries this very expression
create index if not exists search_orders_words on search_orders using gin (
    to_tsvector('simple', regexp_replace(customer_email || ' ' || skus, '[^[:alnum:]]+', ' ', 'g')));
create index if not exists search_orders_placed_at on search_orders (placed_at);

-- Analytics and recommendations append a row per event and never update one: counters updated in place made every
-- order of a popular SKU wait for the previous one's commit (row locks held across the two-phase commit). Totals are
-- sums at reading time.
create table if not exists sku_sales (
    event_id varchar(64) not null,
    sku varchar(32) not null,
    day date not null,
    units integer not null,
    revenue numeric(16, 2) not null,
    primary key (event_id, sku)
);
create index if not exists sku_sales_by_day on sku_sales (day, sku);

create table if not exists co_purchases_seen (
    event_id varchar(64) not null,
    sku_a varchar(32) not null,
    sku_b varchar(32) not null,
    primary key (event_id, sku_a, sku_b)
);
create index if not exists co_purchases_seen_by_pair on co_purchases_seen (sku_a, sku_b);

-- The counters kept before these tables, carried over once as one row each (a database that never had them gets them
-- empty here and loses them again below)
create table if not exists daily_sku_sales (day date, sku varchar(32), units bigint, revenue numeric(16, 2));
insert into sku_sales (event_id, sku, day, units, revenue)
    select 'carried-over-' || day, sku, day, units, revenue from daily_sku_sales on conflict do nothing;
drop table daily_sku_sales;
create table if not exists co_purchases (sku_a varchar(32), sku_b varchar(32), times bigint);
insert into co_purchases_seen (event_id, sku_a, sku_b)
    select 'carried-over-' || n, sku_a, sku_b from co_purchases, generate_series(1, times) n on conflict do nothing;
drop table co_purchases;

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

-- Which effect is paused, by whom and why: an operator, or its kill switch (by_switch, with the failure that tripped
-- it). The one record every node and a restarted one go by; the broker keeps the pause itself (persisted).
create table if not exists effect_pauses (
    effect varchar(32) primary key,
    paused_by varchar(100) not null,
    paused_at timestamp with time zone not null
);
alter table effect_pauses add column if not exists by_switch boolean not null default false;
alter table effect_pauses add column if not exists reason varchar(500);

create table if not exists dead_letter_investigations (
    fingerprint varchar(16) primary key,
    note varchar(500) not null,
    noted_by varchar(100) not null,
    noted_at timestamp with time zone not null
);

-- What the retention sweep deletes by age (ops/Kept): each table's time column indexed, so a sweep reads only the old
-- rows; the operator's page charts what the effects completed over the last minutes
create index if not exists effect_events_completed_at on effect_events (completed_at);
-- the held events, counted every few seconds for the metrics, the health check and the operator's page
create index if not exists effect_events_held on effect_events (effect, held_at) where state = 'WAITING';
create index if not exists processed_messages_processed_at on processed_messages (processed_at);
create index if not exists dead_letter_verdicts_decided_at on dead_letter_verdicts (decided_at);
create index if not exists checkout_keys_updated_at on checkout_keys (updated_at);
create index if not exists dead_letter_actions_acted_at on dead_letter_actions (acted_at);
create index if not exists effect_failures_failed_at on effect_failures (failed_at);
create index if not exists dead_letter_messages_dead_lettered_at on dead_letter_messages (dead_lettered_at);

reset lock_timeout;
