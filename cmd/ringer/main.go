// Command ringer finds covert remote workers: many personas run by one
// operator, laptop farms, shared payout accounts. Run "ringer help" for the
// list of commands and "ringer COMMAND --help" for each one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// env is what a command runs with: its streams. Commands take it instead of
// reaching for os.Stdout so that tests can run them in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// getenv reads configuration from the environment (RINGER_*).
	getenv func(string) string
}

// command is one subcommand of the CLI.
type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands returns the CLI's subcommands by name. Each lives in its own
// file of this directory.
func commands() map[string]command {
	return map[string]command{
		"intel":  cmdIntel(),
		"demo":   cmdDemo(),
		"eval":   cmdEval(),
		"link":   cmdLink(),
		"lists":  cmdLists(),
		"names":  cmdNames(),
		"search": cmdSearch(),
		"policy": policyCommand(),
		"screen": cmdScreen(),
		"serve":  cmdServe(),
		"synth":  cmdSynth(),
	}
}

// errUsage marks an error caused by how the command was called; main
// exits 2 for it instead of 1.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// run executes the CLI with args and returns the process exit code.
func run(ctx context.Context, e *env, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "ringer: unknown command %q; run \"ringer help\"\n", args[0])
		return 2
	}
	err := c.run(ctx, e, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(e.stderr, "ringer %s: %v\n", args[0], err)
		return 2
	}
	fmt.Fprintf(e.stderr, "ringer %s: %v\n", args[0], err)
	return 1
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "ringer finds covert remote workers: many personas run by one operator.")
	fmt.Fprintln(w, "\nUsage: ringer COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"ringer COMMAND --help\" for a command's flags and an example.")
}

// newFlagSet returns a flag set for a subcommand whose --help prints the
// usage line, the example and the flags.
func newFlagSet(e *env, name, usageLine, example string) *flag.FlagSet {
	fs := flag.NewFlagSet("ringer "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: ringer %s %s\n", name, usageLine)
		if example != "" {
			fmt.Fprintf(e.stderr, "\nExample:\n  %s\n", example)
		}
		fmt.Fprintln(e.stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}
