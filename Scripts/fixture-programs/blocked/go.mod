module profconv/fixtures/blocked

go 1.19
