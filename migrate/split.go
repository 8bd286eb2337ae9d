package migrate

import "strings"

// statement is one SQL statement of a migration file.
type statement struct {
	sql  string // the statement, without the terminating semicolon's newline
	line int    // the 1-based line of the file it starts on
}

// splitStatements splits a script into statements at top-level semicolons,
// skipping quoted strings, quoted identifiers, dollar-quoted bodies and
// comments. Statements that hold only comments and space are dropped.
func splitStatements(script string) []statement {
	var out []statement
	start, line, startLine := 0, 1, 1
	emit := func(end int) {
		s := script[start:end]
		if hasCode(s) {
			lead := len(s) - len(strings.TrimLeft(s, " \t\r\n"))
			out = append(out, statement{sql: strings.TrimSpace(s), line: startLine + strings.Count(s[:lead], "\n")})
		}
	}
	for i := 0; i < len(script); i++ {
		c := script[i]
		switch {
		case c == '\n':
			line++
		case c == '\'' || c == '"':
			j := skipQuoted(script, i, c)
			line += strings.Count(script[i:j], "\n")
			i = j - 1
		case c == '-' && strings.HasPrefix(script[i:], "--"):
			j := strings.IndexByte(script[i:], '\n')
			if j < 0 {
				i = len(script)
				continue
			}
			i += j - 1
		case c == '/' && strings.HasPrefix(script[i:], "/*"):
			j := skipBlockComment(script, i)
			line += strings.Count(script[i:j], "\n")
			i = j - 1
		case c == '$':
			if tag, ok := dollarTag(script[i:]); ok {
				end := strings.Index(script[i+len(tag):], tag)
				j := len(script)
				if end >= 0 {
					j = i + len(tag) + end + len(tag)
				}
				line += strings.Count(script[i:j], "\n")
				i = j - 1
			}
		case c == ';':
			emit(i)
			start, startLine = i+1, line
		}
	}
	emit(len(script))
	return out
}

// skipQuoted returns the index after the quoted string or identifier
// starting at i; a doubled quote is an escaped one, and a backslash
// escapes in an E'…' string.
func skipQuoted(s string, i int, q byte) int {
	escapes := q == '\'' && i > 0 && (s[i-1] == 'E' || s[i-1] == 'e')
	for j := i + 1; j < len(s); j++ {
		switch {
		case escapes && s[j] == '\\':
			j++
		case s[j] == q && j+1 < len(s) && s[j+1] == q:
			j++
		case s[j] == q:
			return j + 1
		}
	}
	return len(s)
}

// skipBlockComment returns the index after the (nestable) comment at i.
func skipBlockComment(s string, i int) int {
	depth := 0
	for j := i; j < len(s)-1; j++ {
		switch {
		case s[j] == '/' && s[j+1] == '*':
			depth++
			j++
		case s[j] == '*' && s[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(s)
}

// dollarTag returns the $tag$ that s starts with, if it starts one.
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '$':
			return s[:j+1], true
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || (j > 1 && c >= '0' && c <= '9'):
		default:
			return "", false
		}
	}
	return "", false
}

// hasCode reports whether s holds anything but comments and space.
func hasCode(s string) bool {
	for _, st := range splitLines(s) {
		if st != "" {
			return true
		}
	}
	return false
}

// splitLines returns s's lines with -- comments and space removed; block
// comments are rare in migrations and count as code, which is harmless.
func splitLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if j := strings.Index(l, "--"); j >= 0 {
			l = l[:j]
		}
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}
