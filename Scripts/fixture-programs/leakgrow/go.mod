module profconv/fixtures/leakgrow

go 1.19
