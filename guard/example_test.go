package guard_test

import (
	"fmt"

	"github.com/factory-kit/plinth/guard"
)

func ExampleNormalizeURL() {
	for _, u := range []string{
		"postgresql://app:secret@DB.Example.com/app?sslmode=require&application_name=web",
		"host=db.example.com port=5432 dbname=app user=other",
	} {
		n, _ := guard.NormalizeURL(u)
		fmt.Println(n)
	}
	// Output:
	// postgres://db.example.com:5432/app
	// postgres://db.example.com:5432/app
}
