module profconv/fixtures/tiny

go 1.19
