package devdb

import (
	"context"
	"os"
	"sync"
	"testing"
)

// TestURLEnv names the environment variable that points tests at an
// existing server instead of a throwaway cluster.
const TestURLEnv = "PLINTH_TEST_DATABASE_URL"

var shared struct {
	once    sync.Once
	srv     *Server
	cluster *Cluster
	err     error
}

// ForTest returns the server shared by every test of this process: the
// server named by PLINTH_TEST_DATABASE_URL, or else a throwaway cluster
// started on first use. The test fails when neither can be had, with the
// reason and what to do. Stop the cluster with Main in TestMain; if the
// process ends without it, the server dies with the process all the same.
func ForTest(tb testing.TB) *Server {
	tb.Helper()
	shared.once.Do(func() {
		if url := os.Getenv(TestURLEnv); url != "" {
			shared.srv, shared.err = NewServer(url)
			return
		}
		shared.cluster, shared.err = Start(context.Background(), Config{})
		if shared.err == nil {
			shared.srv = shared.cluster.Server()
		}
	})
	if shared.err != nil {
		tb.Fatal(shared.err)
	}
	return shared.srv
}

// Main runs the tests and then stops the shared cluster, if one was
// started. Use it as os.Exit(devdb.Main(m)) in TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	if shared.srv != nil {
		shared.srv.Close()
	}
	if shared.cluster != nil {
		_ = shared.cluster.Stop()
	}
	return code
}
