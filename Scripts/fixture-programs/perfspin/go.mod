module profconv/fixtures/perfspin

go 1.19
