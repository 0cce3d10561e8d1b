// Prints Go's fmt formatting of many float64 values, one TSV line each:
// the value's bits in hex, then %.2f, %.4f and %5.2g. profconv's pure
// decimal formatting is tested against this table:
//   go run Scripts/fixture-programs/numbers/main.go > Fixtures/numbers/go-fmt.tsv
package main

import (
	"fmt"
	"math"
	"math/rand"
)

func main() {
	r := rand.New(rand.NewSource(12))
	var vs []float64
	// Exact ties and near-ties in hundredths and ten-thousandths.
	for i := 0; i < 600; i++ {
		vs = append(vs, float64(i)/8, float64(i)/1000+0.005, float64(i)*0.00005)
	}
	// Values as units scale them: counts over 1024 powers and 1000 powers.
	for i := 0; i < 300; i++ {
		n := r.Int63n(1 << uint(1+r.Intn(62)))
		vs = append(vs, float64(n)/1024, float64(n)/1e6, float64(n)/1e9, float64(n)/3600e9, float64(n))
	}
	// Percentages: small ratios down to 1/MaxInt64.
	for i := 0; i < 300; i++ {
		a, b := r.Int63n(1<<uint(1+r.Intn(40))), r.Int63n(math.MaxInt64)+1
		vs = append(vs, math.Abs(float64(a)/float64(b))*100, r.Float64(), r.Float64()*100)
	}
	vs = append(vs, 0, math.Copysign(0, -1), -1.125, -2.005, 0.995, 0.0995, 0.00995, 9.995, 99.995, 1e-5, 1.05e-5, 1/float64(math.MaxInt64)*100, math.MaxInt64, 1e22, 1e30)
	for _, v := range vs {
		fmt.Printf("%016x\t%.2f\t%.4f\t%5.2g\n", math.Float64bits(v), v, v, v)
	}
}
