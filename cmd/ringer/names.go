package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ringerhq/ringer/names"
)

func cmdNames() command {
	return command{summary: "compare names across scripts and spellings (compare, score)", run: runNames}
}

func runNames(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(e.stderr, `Usage: ringer names compare "NAME A" "NAME B" [--kind person|organization|vessel]
       ringer names score [--kind KIND] [--threshold T] < pairs.tsv

compare prints the score (0..1) of two names and why. score reads lines
"name1<TAB>name2[<TAB>kind]" on standard input and writes each line back with
two more columns: the score and "match" or "no-match" at the threshold.

Examples:
  ringer names compare "Kim Jong Un" "김정은"
  printf 'Kim Jong Un\tKim Jong-il\n' | ringer names score`)
		if len(args) == 0 {
			return fmt.Errorf("%w: want a subcommand: compare or score", errUsage)
		}
		return flag.ErrHelp
	}
	switch args[0] {
	case "compare":
		return runNamesCompare(ctx, e, args[1:])
	case "score":
		return runNamesScore(ctx, e, args[1:])
	}
	return fmt.Errorf("%w: unknown subcommand %q: want compare or score", errUsage, args[0])
}

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func runNamesCompare(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "names compare", `"NAME A" "NAME B" [--kind person|organization|vessel] [--json]`,
		`ringer names compare "Pak Pong Ju" "박봉주"`)
	kindFlag := fs.String("kind", "person", "kind of names: person, organization or vessel")
	asJSON := fs.Bool("json", false, "write the result as JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: want two names, got %d", errUsage, len(pos))
	}
	kind, err := names.ParseKind(*kindFlag)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	m := names.NewMatcher()
	r := m.Score(pos[0], pos[1], kind)
	verdict := "no-match"
	if r.Score >= names.DefaultThreshold {
		verdict = "match"
	}
	if *asJSON {
		return printJSON(e.stdout, map[string]any{"a": pos[0], "b": pos[1], "kind": kind.String(),
			"score": r.Score, "verdict": verdict, "threshold": names.DefaultThreshold,
			"pairs": r.Pairs, "unmatched_a": r.UnmatchedA, "unmatched_b": r.UnmatchedB,
			"specificity": r.Specificity, "explanation": r.Explain()})
	}
	fmt.Fprintf(e.stdout, "%.3f\t%s (threshold %.2f)\n%s\n", r.Score, verdict, names.DefaultThreshold, r.Explain())
	return nil
}

func runNamesScore(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "names score", "[--kind KIND] [--threshold T] < pairs.tsv > scored.tsv",
		`printf 'Kim Jong Un\t김정은\nKim Jong Un\tKim Jong Il\n' | ringer names score`)
	kindFlag := fs.String("kind", "person", "kind for lines without a third column")
	threshold := fs.Float64("threshold", names.DefaultThreshold, "score at or above which a pair is a match")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: names score reads standard input and takes no arguments", errUsage)
	}
	defKind, err := names.ParseKind(*kindFlag)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	m := names.NewMatcher()
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	n := 0
	for sc.Scan() {
		n++
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			fmt.Fprintln(w, line)
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return fmt.Errorf("stdin line %d: want name1<TAB>name2[<TAB>kind], got %d field(s)", n, len(f))
		}
		kind := defKind
		if len(f) >= 3 && strings.TrimSpace(f[2]) != "" {
			if kind, err = names.ParseKind(f[2]); err != nil {
				return fmt.Errorf("stdin line %d: %w", n, err)
			}
		}
		r := m.Score(f[0], f[1], kind)
		verdict := "no-match"
		if r.Score >= *threshold {
			verdict = "match"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", line, strconv.FormatFloat(r.Score, 'f', 3, 64), verdict)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	return nil
}
