module profconv/fixtures/leaky

go 1.19
