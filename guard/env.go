package guard

import "strings"

// Environment names Check and Mark understand. Any other non-empty name
// (staging, test, qa, …) is a non-production environment too.
const (
	Production  = "production"
	Preview     = "preview"
	Development = "development"
)

// DefaultEnvVars are the variables Check reads the environment from, the
// first one set winning: plinth's own, the common convention, then the
// hosting platforms' own (Vercel sets VERCEL_ENV to production, preview or
// development).
var DefaultEnvVars = []string{"PLINTH_ENV", "APP_ENV", "VERCEL_ENV"}

// CanonicalEnv returns env lower-cased and trimmed, with the usual
// spellings of production ("prod", "live") and development ("dev",
// "local") folded into Production and Development.
func CanonicalEnv(env string) string {
	env = strings.ToLower(strings.TrimSpace(env))
	switch env {
	case "prod", "live":
		return Production
	case "dev", "local":
		return Development
	}
	return env
}

// IsProduction reports whether env names the production environment.
func IsProduction(env string) bool { return CanonicalEnv(env) == Production }

// resolveEnv returns the environment of cfg and where it came from.
func resolveEnv(cfg *Config) (env, source string) {
	if cfg.Env != "" {
		return CanonicalEnv(cfg.Env), "Config.Env"
	}
	vars := cfg.EnvVars
	if vars == nil {
		vars = DefaultEnvVars
	}
	for _, v := range vars {
		if val := cfg.getenv(v); val != "" {
			return CanonicalEnv(val), v
		}
	}
	return Development, "default (none of " + strings.Join(vars, ", ") + " is set)"
}
