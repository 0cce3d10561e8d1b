module profconv/fixtures/panicker

go 1.19
