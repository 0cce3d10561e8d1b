module profconv/fixtures/numbers

go 1.19
