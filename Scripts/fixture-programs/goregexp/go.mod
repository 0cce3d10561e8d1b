module profconv/fixtures/goregexp

go 1.19
