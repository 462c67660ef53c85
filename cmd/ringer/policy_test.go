package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringerhq/ringer/policy"
)

// runPolicyCLI runs "ringer policy ARGS..." in-process.
func runPolicyCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = run(context.Background(), e, append([]string{"policy"}, args...))
	return code, out.String(), errb.String()
}

func TestPolicyCommand(t *testing.T) {
	dir := t.TempDir()
	own := filepath.Join(dir, "own.yaml")
	if err := os.WriteFile(own, policy.DefaultYAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout []string
	}{
		{"lint refuses a protected read", []string{"lint", "../../policy/testdata/lint/reads_ethnicity.yaml"}, 1,
			[]string{"reads_ethnicity.yaml:7: rule ethnicity: reads \"ethnicity\""}},
		{"lint passes the default", []string{"lint", own}, 0, []string{"own.yaml: ok"}},
		{"lint needs a file", []string{"lint"}, 2, nil},
		{"test the built-in policy", []string{"test"}, 0,
			[]string{"policy default@1", "recall of fraudulent scenarios at band >= review"}},
		{"test a file against a directory", []string{"test", own, "--scenarios", "../../policy/testdata/scenarios"}, 0,
			[]string{"0 failed"}},
		{"test a policy that fails the suite", []string{"test", "../../policy/testdata/lint/clean_custom.yaml"}, 1,
			[]string{"FAIL"}},
		{"show prints the default", []string{"show"}, 0, []string{"name: default", "rules:"}},
		{"unknown subcommand", []string{"frobnicate"}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runPolicyCLI(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			for _, want := range tt.inStdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
		})
	}
}
