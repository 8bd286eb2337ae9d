package guard

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// ignoredParams are connection parameters that change how a client
// connects or who it is, not which database it reaches: credentials, TLS,
// timeouts, client identification, and driver and pool settings.
var ignoredParams = map[string]bool{
	"user": true, "password": true, "passfile": true,
	"sslmode": true, "sslcert": true, "sslkey": true, "sslrootcert": true, "sslcrl": true,
	"sslcrldir": true, "sslpassword": true, "sslsni": true, "sslnegotiation": true,
	"sslcompression": true, "ssl_min_protocol_version": true, "ssl_max_protocol_version": true,
	"requirepeer": true, "require_auth": true, "channel_binding": true,
	"gssencmode": true, "gsslib": true, "gssdelegation": true, "krbsrvname": true,
	"application_name": true, "fallback_application_name": true, "client_encoding": true,
	"connect_timeout": true, "keepalives": true, "keepalives_idle": true,
	"keepalives_interval": true, "keepalives_count": true, "tcp_user_timeout": true,
	"target_session_attrs": true, "load_balance_hosts": true,
	// pgx
	"statement_cache_capacity": true, "description_cache_capacity": true,
	"default_query_exec_mode": true, "min_read_buffer_size": true, "servicefile": true,
	// other drivers and poolers (Prisma, node-postgres, JDBC)
	"schema": true, "connection_limit": true, "pool_timeout": true, "pgbouncer": true,
	"ssl": true, "sslfactory": true, "socket_timeout": true, "options_sslmode": true,
}

// NormalizeURL returns a canonical form of a PostgreSQL connection string
// (a postgres:// or postgresql:// URL, or a keyword/value DSN) in which two
// strings that reach the same database on the same server are equal:
// postgresql:// becomes postgres://, host names are lower-cased without a
// trailing dot, IP addresses are in canonical form, a missing port is 5432,
// several hosts are sorted, a missing database name is the user name (as
// libpq does), credentials and the parameters that only change how a
// client connects (TLS, timeouts, application_name, pool_* and other driver
// settings) are dropped, and the parameters left are sorted.
//
// The result is a key to compare, not a URL to connect with. Two different
// strings for the same server (an IP for its name, a proxy, a socket path
// for its TCP address) stay different: Mark and Check catch those.
func NormalizeURL(raw string) (string, error) {
	p, err := parseConnString(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	if p["dbname"] == "" {
		p["dbname"] = p["user"]
	}
	hosts, err := hostPorts(p["host"], p["port"])
	if err != nil {
		return "", err
	}
	var keep []string
	for k, v := range p {
		if k == "host" || k == "port" || k == "dbname" || ignoredParams[k] || strings.HasPrefix(k, "pool_") {
			continue
		}
		keep = append(keep, url.QueryEscape(k)+"="+url.QueryEscape(v))
	}
	slices.Sort(keep)
	s := "postgres://" + strings.Join(hosts, ",") + "/" + url.PathEscape(p["dbname"])
	if len(keep) > 0 {
		s += "?" + strings.Join(keep, "&")
	}
	return s, nil
}

// hostPorts pairs the comma-separated hosts and ports as libpq does (one
// port for all hosts, or one each), canonicalizes them and sorts them.
func hostPorts(hostList, portList string) ([]string, error) {
	hosts := strings.Split(hostList, ",")
	ports := strings.Split(portList, ",")
	if len(ports) != 1 && len(ports) != len(hosts) {
		return nil, fmt.Errorf("guard: %d hosts but %d ports", len(hosts), len(ports))
	}
	out := make([]string, len(hosts))
	for i, h := range hosts {
		port := ports[0]
		if len(ports) > 1 {
			port = ports[i]
		}
		if port = strings.TrimSpace(port); port == "" {
			port = "5432"
		} else if !validPort(port) {
			return nil, fmt.Errorf("guard: invalid port %q", port)
		}
		out[i] = canonicalHost(strings.TrimSpace(h)) + ":" + port
	}
	slices.Sort(out)
	return out, nil
}

func canonicalHost(h string) string {
	if strings.HasPrefix(h, "/") || strings.HasPrefix(h, "@") { // Unix socket directory, or abstract namespace
		return url.PathEscape(strings.TrimSuffix(h, "/"))
	}
	h = strings.Trim(h, "[]")
	if ip := net.ParseIP(h); ip != nil {
		if ip.To4() != nil {
			return ip.String()
		}
		return "[" + ip.String() + "]"
	}
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// parseConnString returns the libpq keywords of a URL or keyword/value DSN.
func parseConnString(s string) (map[string]string, error) {
	if strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://") {
		return parseURL(s)
	}
	if strings.Contains(s, "://") {
		return nil, fmt.Errorf("guard: %q is not a postgres:// URL", redactScheme(s))
	}
	return parseDSN(s)
}

func parseURL(s string) (map[string]string, error) {
	// The authority may list several hosts (h1:p1,h2:p2), which net/url
	// rejects: split it off and let net/url read the path and query.
	_, rest, _ := strings.Cut(s, "://")
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	authority := rest[:end]
	p := map[string]string{}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		user, _, _ := strings.Cut(authority[:at], ":")
		if u, err := url.PathUnescape(user); err == nil {
			p["user"] = u
		}
		authority = authority[at+1:]
	}
	var hosts, ports []string
	for hp := range strings.SplitSeq(authority, ",") {
		host, port, err := net.SplitHostPort(hp)
		if err != nil { // no port
			host, port = hp, ""
		}
		if host, err = url.PathUnescape(host); err != nil {
			return nil, fmt.Errorf("guard: database URL: host: %w", err)
		}
		hosts, ports = append(hosts, host), append(ports, port)
	}
	p["host"] = strings.Join(hosts, ",")
	if slices.ContainsFunc(ports, func(p string) bool { return p != "" }) {
		p["port"] = strings.Join(ports, ",")
	}
	u, err := url.Parse("postgres://authority" + rest[end:])
	if err != nil {
		return nil, fmt.Errorf("guard: database URL: %w", stripURL(err))
	}
	p["dbname"] = strings.TrimPrefix(u.Path, "/")
	for k, vs := range u.Query() {
		p[k] = vs[len(vs)-1] // libpq: query parameters override the authority
	}
	return p, nil
}

func validPort(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n > 0 && n < 65536
}

// parseDSN reads keyword = value pairs, values optionally single-quoted
// with \' and \\ escapes, as libpq does.
func parseDSN(s string) (map[string]string, error) {
	p := map[string]string{}
	for {
		s = strings.TrimLeft(s, " \t\n\r")
		if s == "" {
			return p, nil
		}
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			return nil, fmt.Errorf("guard: connection string: missing \"=\" after %q", firstWord(s))
		}
		key := strings.TrimSpace(s[:eq])
		if key == "" || strings.ContainsAny(key, " \t") {
			return nil, fmt.Errorf("guard: connection string: malformed keyword %q", key)
		}
		s = strings.TrimLeft(s[eq+1:], " \t")
		var val strings.Builder
		if strings.HasPrefix(s, "'") {
			i, closed := 1, false
			for ; i < len(s); i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				} else if s[i] == '\'' {
					closed = true
					break
				}
				val.WriteByte(s[i])
			}
			if !closed {
				return nil, fmt.Errorf("guard: connection string: unterminated quoted value for %q", key)
			}
			s = s[i+1:]
		} else {
			end := strings.IndexAny(s, " \t\n\r")
			if end < 0 {
				end = len(s)
			}
			val.WriteString(strings.ReplaceAll(s[:end], `\`, ""))
			s = s[end:]
		}
		p[key] = val.String()
	}
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// stripURL drops the URL (which may hold a password) from a url.Parse error.
func stripURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

func redactScheme(s string) string {
	scheme, _, _ := strings.Cut(s, "://")
	return scheme + "://…"
}
