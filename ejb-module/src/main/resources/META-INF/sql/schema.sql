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
    last_error varchar(1000),
    updated_at timestamp with time zone not null,
    completed_at timestamp with time zone,
    primary key (order_id, effect)
);

create table if not exists processed_messages (
    consumer varchar(64) not null,
    event_id varchar(64) not null,
    processed_at timestamp with time zone not null,
    primary key (consumer, event_id)
);

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
