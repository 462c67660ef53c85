package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/ringerhq/ringer/evaluation"
	"github.com/ringerhq/ringer/policy"
	"github.com/ringerhq/ringer/synth"
)

// policyCommand is "ringer policy": lint, test and show scoring policies.
func policyCommand() command {
	return command{
		summary: "check a scoring policy (lint), run the scenario suite against it (test), print the default (show)",
		run:     runPolicy,
	}
}

func runPolicy(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, policyUsage)
		return fmt.Errorf("%w: want a subcommand: lint, test or show", errUsage)
	}
	switch args[0] {
	case "lint":
		return runPolicyLint(e, args[1:])
	case "test":
		return runPolicyTest(ctx, e, args[1:])
	case "show":
		return runPolicyShow(e, args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, policyUsage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want lint, test or show)", errUsage, args[0])
}

const policyUsage = `Usage:
  ringer policy lint FILE...                 check policy files; exit 1 on any problem
  ringer policy test [FILE] [--scenarios DIR] [--verbose] [--pipeline [--seed S]]
                                             run the scenario suite against a policy (default: the built-in one);
                                             --pipeline also screens the synthetic records and events of
                                             "ringer synth" through linking, detectors and the policy
  ringer policy show                         print the default policy, to copy and change

Examples:
  ringer policy show > my-policy.yaml
  ringer policy lint my-policy.yaml
  ringer policy test my-policy.yaml --pipeline --seed 1
`

func runPolicyLint(e *env, args []string) error {
	fs := newFlagSet(e, "policy lint", "FILE...", "ringer policy lint my-policy.yaml")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: want a policy file", errUsage)
	}
	bad := 0
	for _, path := range fs.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("lint: %w", err)
		}
		problems := policy.Lint(data)
		for _, p := range problems {
			fmt.Fprintf(e.stdout, "%s:%s\n", path, p)
		}
		if len(problems) == 0 {
			fmt.Fprintf(e.stdout, "%s: ok\n", path)
		}
		bad += len(problems)
	}
	if bad > 0 {
		return fmt.Errorf("%d problem(s)", bad)
	}
	return nil
}

func runPolicyTest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "policy test", "[FILE] [--scenarios DIR] [--verbose] [--pipeline [--seed S]]",
		"ringer policy test my-policy.yaml --pipeline --seed 1")
	dir := fs.String("scenarios", "", "directory of signal scenario files (*.yaml); default: the built-in suite")
	verbose := fs.Bool("verbose", false, "print the rules that fired for every scenario")
	pipeline := fs.Bool("pipeline", false, "also screen the synthetic scenario suite (records and events) end to end")
	seed := fs.Int64("seed", 1, "`seed` of the synthetic scenario suite (with --pipeline)")
	if err := fs.Parse(reorderFlags(args)); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: want at most one policy file", errUsage)
	}
	p := policy.Default()
	if fs.NArg() == 1 {
		var err error
		if p, err = policy.Load(fs.Arg(0)); err != nil {
			return err
		}
	}
	var scenarios []policy.Scenario
	var err error
	if *dir != "" {
		scenarios, err = policy.LoadScenarios(*dir)
	} else {
		scenarios, err = policy.BuiltinScenarios()
	}
	if err != nil {
		return err
	}
	outcomes, sum, err := p.Test(ctx, scenarios)
	if err != nil {
		return err
	}
	for _, o := range outcomes {
		status := "ok  "
		if !o.Pass {
			status = "FAIL"
		}
		fmt.Fprintf(e.stdout, "%s %-6s %-8s %3d  %s (want %s..%s)\n", status, o.Scenario.Label,
			o.Result.Band, o.Result.Score, o.Scenario.Name, o.Scenario.Min, o.Scenario.Max)
		if *verbose || !o.Pass {
			for _, t := range o.Result.Terms {
				fmt.Fprintf(e.stdout, "       %5.1f  %s [%s]\n", t.Points, t.Name, strings.Join(t.Rules, ", "))
			}
		}
	}
	fmt.Fprintf(e.stdout, "\npolicy %s: %d scenarios, %d failed\n", p.ID(), sum.Scenarios, sum.Failed)
	fmt.Fprintf(e.stdout, "recall of fraudulent scenarios at band >= review: %d/%d = %.3f\n",
		sum.FraudAtReview, sum.Fraud, sum.Recall())
	fmt.Fprintf(e.stdout, "false-positive rate of honest scenarios at band >= high: %d/%d = %.3f\n",
		sum.HonestAtHigh, sum.Honest, sum.FalsePositiveRate())
	failed := sum.Failed > 0
	if *pipeline {
		tmp, err := os.MkdirTemp("", "ringer-policy-test-")
		if err != nil {
			return fmt.Errorf("policy test: %w", err)
		}
		defer os.RemoveAll(tmp)
		recs, evs, labels := synth.Scenarios(*seed)
		res, err := evaluation.ScreenScenarios(ctx, tmp, recs, evs, labels, p)
		if err != nil {
			return fmt.Errorf("policy test: screen the synthetic suite: %w", err)
		}
		fmt.Fprintf(e.stdout, "\nsynthetic scenario suite (seed %d), screened end to end:\n", *seed)
		res.Print(e.stdout, *verbose)
		if res.Recall() < 0.95 || res.FalsePositiveRate() > 0.01 {
			failed = true
			fmt.Fprintln(e.stdout, "want recall ≥ 0.95 and false-positive rate ≤ 0.01")
		}
	}
	if failed {
		return fmt.Errorf("the policy fails the scenario suite")
	}
	return nil
}

func runPolicyShow(e *env, args []string) error {
	fs := newFlagSet(e, "policy show", "", "ringer policy show > my-policy.yaml")
	if err := fs.Parse(args); err != nil {
		return err
	}
	_, err := e.stdout.Write(policy.DefaultYAML())
	return err
}

// reorderFlags moves flags before positional arguments so that
// "test FILE --scenarios DIR" parses like "test --scenarios DIR FILE".
func reorderFlags(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && a != "-":
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && (name == "scenarios" || name == "seed") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			pos = append(pos, a)
		}
	}
	return append(flags, pos...)
}
