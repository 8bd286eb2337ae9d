// Package ent holds the ent client generated from ./schema for the peer
// benchmarks. Regenerate with go generate ./ent from bench/.
package ent

//go:generate go tool ent generate ./schema
