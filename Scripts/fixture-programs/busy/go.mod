module profconv/fixtures/busy

go 1.19
