-- The shop's catalogue, seeded on first start. ON CONFLICT keeps the stock of a product that already exists.
set lock_timeout = '2s';
insert into products (sku, name, price, stock) values
    ('BOOK-001', 'Enterprise Integration Patterns', 54.90, 1000),
    ('BOOK-002', 'Designing Data-Intensive Applications', 44.50, 1000),
    ('BOOK-003', 'Release It!', 39.90, 1000),
    ('MUG-001', 'OrderFlow mug', 12.00, 5000),
    ('SHIRT-001', 'OrderFlow T-shirt', 19.90, 2000),
    ('POSTER-001', 'Signed launch poster (limited)', 99.00, 3)
on conflict (sku) do nothing;
reset lock_timeout;
