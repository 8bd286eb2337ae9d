// Package integration holds the integration tests and benchmarks of the
// generated code and the query runtime, run against devdb branch databases
// with the golden packages next to it.
package integration
