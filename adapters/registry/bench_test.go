package registry_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
)

// peer is one copier timed as a process: argv gets SRC and DST appended.
type peer struct {
	name string
	argv func(src, dst string) []string
	env  []string
}

func peers(b *testing.B, home string) []peer {
	copier, cli := build(b, "./registrytest/benchcopy"), build(b, "../../functions/local")
	helper := func(tool string) peer {
		return peer{name: tool, argv: func(s, d string) []string { return []string{copier, tool, s, d} }}
	}
	ps := []peer{helper("imagesync"), helper("crane"),
		{name: "imagesync-cli", argv: func(s, d string) []string { return []string{cli, "sync", s, d} }}}
	if p := look("crane"); p != "" {
		ps = append(ps, peer{name: "crane-cli", argv: func(s, d string) []string { return []string{p, "copy", s, d} }},
			peer{name: "crane-cli-j8", argv: func(s, d string) []string { return []string{p, "copy", "--jobs", "8", s, d} }})
	}
	if p := look("skopeo"); p != "" {
		ps = append(ps, peer{name: "skopeo", argv: func(s, d string) []string {
			return []string{p, "copy", "--all", "--src-tls-verify=false", "--dest-tls-verify=false", "docker://" + s, "docker://" + d}
		}})
	}
	if p := look("regctl"); p != "" {
		ps = append(ps, peer{name: "regctl", env: []string{"HOME=" + home},
			argv: func(s, d string) []string { return []string{p, "image", "copy", s, d} }})
	}
	return ps
}

// build builds a command: registrytest/benchcopy, the one-shot copier that
// runs imagesync's engine or the crane library in a process linking
// nothing else (a test binary's RSS would include every test's imports),
// and the imagesync CLI, which links every cloud SDK.
func build(b *testing.B, pkg string) string {
	bin := filepath.Join(b.TempDir(), filepath.Base(pkg))
	if out, err := exec.Command("go", "build", "-trimpath", "-o", bin, pkg).CombinedOutput(); err != nil {
		b.Fatalf("building %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// look finds a peer on PATH or in GOPATH/bin; "" when it is not installed.
func look(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		gopath = filepath.Join(os.Getenv("HOME"), "go")
	}
	if p := filepath.Join(gopath, "bin", name); fileExists(p) {
		return p
	}
	return ""
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// result is one timed copy.
type result struct {
	wall, cpu time.Duration
	rss       int64
	fetched   int64 // bytes the source sent, where a proxy counted them
}

// run runs one copy: wall time, CPU time (user+system) and peak RSS.
func (p peer) run(b *testing.B, src, dst string) result {
	argv := p.argv(src, dst)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = os.Environ()
	cmd.Env = append(cmd.Env, p.env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatalf("%s: %v", p.name, err)
	}
	peak := watchHWM(cmd.Process.Pid)
	err := cmd.Wait()
	took := time.Since(start)
	if err != nil {
		b.Fatalf("%s: %v\n%s", p.name, err, out.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return result{wall: took, cpu: cpu, rss: <-peak}
}

// watchHWM samples the process's VmHWM (its own peak RSS; rusage's maxrss
// would include the parent's RSS at fork) every 5 ms until it exits.
func watchHWM(pid int) <-chan int64 {
	out := make(chan int64, 1)
	go func() {
		var peak int64
		for {
			raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
			if err != nil {
				out <- peak
				return
			}
			for _, line := range strings.Split(string(raw), "\n") {
				if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
					if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
						peak = max(peak, kb<<10)
					}
				}
			}
			if strings.Contains(string(raw), "State:\tZ") {
				out <- peak
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	return out
}

// report reports a peer's runs as a sub-benchmark: median wall time as
// ns/op with the fastest and slowest runs (min-s, max-s), median CPU,
// largest peak RSS and throughput; not per b.N.
func report(b *testing.B, name string, rs []result, bytes int64) {
	b.Run(name, func(b *testing.B) {
		med := func(f func(result) time.Duration) time.Duration {
			ds := make([]time.Duration, len(rs))
			for i, r := range rs {
				ds[i] = f(r)
			}
			slices.Sort(ds)
			return ds[len(ds)/2]
		}
		wall := med(func(r result) time.Duration { return r.wall })
		var rss int64
		for _, r := range rs {
			rss = max(rss, r.rss)
		}
		b.ReportMetric(float64(wall.Nanoseconds()), "ns/op")
		b.ReportMetric(slices.MinFunc(rs, byWall).wall.Seconds(), "min-s")
		b.ReportMetric(slices.MaxFunc(rs, byWall).wall.Seconds(), "max-s")
		b.ReportMetric(med(func(r result) time.Duration { return r.cpu }).Seconds(), "cpu-s")
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
		if bytes > 0 {
			b.ReportMetric(float64(bytes)/(1<<20)/wall.Seconds(), "MiB/s")
		}
		if f := slices.MaxFunc(rs, func(a, b result) int { return int(a.fetched - b.fetched) }).fetched; f > 0 && bytes > 0 {
			b.ReportMetric(float64(f)/float64(bytes), "max-src-x")
		}
	})
}

func byWall(a, b result) int { return int(a.wall - b.wall) }

// regctlHome writes a regctl configuration that speaks plain HTTP to hosts.
func regctlHome(b *testing.B, hosts ...string) string {
	home := b.TempDir()
	if p := look("regctl"); p != "" {
		for _, h := range hosts {
			cmd := exec.Command(p, "registry", "set", h, "--tls", "disabled")
			cmd.Env = append(os.Environ(), "HOME="+home)
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("regctl registry set: %v\n%s", err, out)
			}
		}
	}
	return home
}

var _ = registrytest.FreeAddr
