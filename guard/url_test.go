package guard_test

import (
	"strings"
	"testing"

	"github.com/factory-kit/plinth/guard"
)

func TestNormalizeURL(t *testing.T) {
	t.Parallel()
	// Each group reaches one database; every member must normalize to want.
	groups := []struct {
		want string
		urls []string
	}{
		{"postgres://db.example.com:5432/app", []string{
			"postgres://db.example.com/app",
			"postgresql://db.example.com:5432/app",
			"postgres://DB.Example.COM./app",
			"postgres://app:s3cret@db.example.com/app?sslmode=require&application_name=web",
			"postgres://other@db.example.com:5432/app?connect_timeout=5&pool_max_conns=20&statement_cache_capacity=0",
			"host=db.example.com dbname=app user=app password='it\\'s a secret' sslmode=verify-full",
			"  host = db.example.com   port=5432 dbname = app  ",
			"postgres:///app?host=db.example.com",
			"postgres://db.example.com/?dbname=app",
			"postgres://app@db.example.com", // dbname defaults to the user name
		}},
		{"postgres://db.example.com:5432/app?options=-c+search_path%3Dtenant&service=x", []string{
			"postgres://db.example.com/app?service=x&options=-c%20search_path%3Dtenant",
			"postgres://db.example.com/app?options=-c%20search_path%3Dtenant&service=x&sslmode=disable",
		}},
		{"postgres://10.0.0.1:6432,10.0.0.2:5432/app", []string{
			"postgres://10.0.0.2,10.0.0.1:6432/app?target_session_attrs=read-write",
			"postgres://10.0.0.1:6432,10.0.0.2/app",
			"host=10.0.0.1,10.0.0.2 port=6432,5432 dbname=app",
		}},
		{"postgres://[::1]:5432/app", []string{
			"postgres://[::1]/app",
			"postgres://[0:0:0:0:0:0:0:1]:5432/app",
			"host=::1 dbname=app",
		}},
		{"postgres://%2Fvar%2Frun%2Fpostgresql:5432/app", []string{
			"postgres:///app?host=/var/run/postgresql",
			"postgres:///app?host=%2Fvar%2Frun%2Fpostgresql%2F&sslmode=disable",
			"host=/var/run/postgresql dbname=app",
		}},
	}
	for _, g := range groups {
		for _, u := range g.urls {
			got, err := guard.NormalizeURL(u)
			if err != nil || got != g.want {
				t.Errorf("NormalizeURL(%q) = %q, %v; want %q", u, got, err, g.want)
			}
		}
	}
	// Different databases must stay different.
	different := [][2]string{
		{"postgres://db.example.com/app", "postgres://db.example.com/app2"},
		{"postgres://db.example.com/app", "postgres://db.example.com:5433/app"},
		{"postgres://db.example.com/app", "postgres://db2.example.com/app"},
		{"postgres://db.example.com/app", "postgres://db.example.com/App"},
		{"postgres://localhost/app", "postgres://127.0.0.1/app"}, // same server maybe, but the URL cannot tell: the mark can
	}
	for _, d := range different {
		a, errA := guard.NormalizeURL(d[0])
		b, errB := guard.NormalizeURL(d[1])
		if errA != nil || errB != nil || a == b {
			t.Errorf("NormalizeURL(%q) and (%q) = %q, %q (%v, %v); want different", d[0], d[1], a, b, errA, errB)
		}
	}
}

func TestNormalizeURLErrors(t *testing.T) {
	t.Parallel()
	for _, u := range []string{
		"mysql://db.example.com/app",
		"postgres://app:s3cret@db.example.com:notaport/app",
		"host=db.example.com dbname",
		"host='db.example.com",
		"host=a,b,c port=1,2",
		"host=db.example.com port=seventy",
		"postgres://db.example.com:0/app",
	} {
		got, err := guard.NormalizeURL(u)
		if err == nil {
			t.Errorf("NormalizeURL(%q) = %q, want an error", u, got)
		} else if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("NormalizeURL(%q) error shows the password: %v", u, err)
		}
	}
}
