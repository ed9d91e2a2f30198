#!/usr/bin/env python3
"""Runs the same scenarios in OpenABM-Covid19 and in Gardefou's evaluator and writes a side-by-side table.

OpenABM-Covid19 (BDI-pathogens, GPL) is never copied into this repository: this script takes the path of a local
checkout, builds its plain C executable (src/covid19ibm.exe, needs gcc and GSL) and runs it on parameter files it
derives from the checkout's own tests/data/baseline_parameters.csv. Nothing is fetched. Standard library only.

Usage: tools/openabm/compare.py OPENABM_DIR [--out DIR] [--population N] [--days D] [--only a,b] [--reuse]
                                [--gardefou-arg=ARG ...]
See tools/openabm/README.md and docs/simulation.md ("Side by side with OpenABM-Covid19").
"""
import argparse
import csv
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AGE_BANDS = ["0_9", "10_19", "20_29", "30_39", "40_49", "50_59", "60_69", "70_79", "80"]
# OpenABM has no R0 parameter (its baseline sets infectious_rate 5.8). Gardefou's R0 is derived from OpenABM's own
# no-intervention run: the doubling time of cumulative infections between these shares of the population, turned
# into R0 with OpenABM's gamma generation interval (Wallinga & Lipsitch 2007: R = (1 + r·θ)^k).
GROWTH_WINDOW = (0.01, 0.10)
SEED_INFECTIONS = 100  # both models; OpenABM's default 10 often dies out with infectiousness over-dispersion 0.51
ISOLATION = 0.8        # share of symptomatic people who self-isolate (OpenABM self_quarantine_fraction)
# NHSX-like: a 35-day lockdown, over-70s shielded from its start to the end, the app launched when lockdown ends
# and uploads on symptoms (self-report) as well as on positive tests (Hinch et al. 2020, report to NHSX).
LOCKDOWN_ON, LOCKDOWN_OFF, LOCKDOWN_FACTOR = 20, 55, 0.33


def read_baseline(openabm: Path):
    with open(openabm / "tests/data/baseline_parameters.csv", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], dict(zip(rows[0], rows[1]))


def population_app_share(base):
    """Overall share of the population OpenABM's app_users_fraction_* reaches at scale 1 (≈ 72%)."""
    pop = [float(base[f"population_{b}"]) for b in AGE_BANDS]
    frac = [float(base[f"app_users_fraction_{b}"]) for b in AGE_BANDS]
    return sum(p * f for p, f in zip(pop, frac)) / sum(pop)


def scenarios(base, uptakes):
    """name -> (OpenABM overrides, Gardefou base-parameter overrides, overall app uptake)."""
    max_share = population_app_share(base)

    def app_fractions(uptake):
        k = uptake / max_share
        return {f"app_users_fraction_{b}": round(float(base[f"app_users_fraction_{b}"]) * k, 6) for b in AGE_BANDS}

    isolation_o = {"self_quarantine_fraction": ISOLATION, "quarantine_length_self": 7}
    testing_o = {"test_on_symptoms": 1, "trace_on_positive": 1, "quarantine_on_traced": 1, "app_turn_on_time": 0}
    no_isolation_g = {"interventions": {"selfIsolationCompliance": 0, "testSeeking": 0, "testsPerThousandPerDay": 0}}
    isolation_g = {"interventions": {"selfIsolationCompliance": ISOLATION, "isolationDays": 7, "testSeeking": 0,
                                     "testsPerThousandPerDay": 0}}
    testing_g = {"interventions": {"selfIsolationCompliance": ISOLATION, "isolationDays": 7, "testSeeking": 0.8,
                                   "testsPerThousandPerDay": 1000, "testTurnaroundDays": 2, "testSensitivity": 0.8,
                                   "quarantineDays": 14, "quarantineDropOutPerDay": 0.03}}
    out = {
        "no-intervention": ({}, no_isolation_g, 0.0),
        "isolation-only": (isolation_o, isolation_g, 0.0),
    }
    for u in uptakes:
        out[f"app-{round(u * 100)}"] = ({**isolation_o, **testing_o, **app_fractions(u)}, testing_g, u)
    nhsx_uptake = round(max_share * 0.75, 2)
    out["nhsx-like"] = (
        {**isolation_o, **testing_o, **app_fractions(nhsx_uptake), "trace_on_symptoms": 1,
         "app_turn_on_time": LOCKDOWN_OFF, "lockdown_time_on": LOCKDOWN_ON, "lockdown_time_off": LOCKDOWN_OFF,
         "lockdown_elderly_time_on": LOCKDOWN_ON, "lockdown_elderly_time_off": 100000,
         **{k: LOCKDOWN_FACTOR for k in base if k.startswith("lockdown_occupation_multiplier")},
         "lockdown_random_network_multiplier": LOCKDOWN_FACTOR},
        {"interventions": {**testing_g["interventions"], "lockdownStartDay": LOCKDOWN_ON, "lockdownEndDay": LOCKDOWN_OFF,
                           "lockdownContactFactor": LOCKDOWN_FACTOR, "shieldingOver70ContactFactor": LOCKDOWN_FACTOR},
         "app": {"launchDay": LOCKDOWN_OFF, "uploadOnSymptoms": True}},
        nhsx_uptake)
    return out


def cumulative_infections(openabm_stdout: str):
    rows = [line.split(",") for line in openabm_stdout.splitlines() if line[:1].isdigit()]
    return [int(r[6]) for r in rows]  # total_infected


def growth_r0(cumulative, population, mean_generation, sd_generation):
    """(R0, doubling days) from the early exponential growth of a cumulative infection series."""
    lo, hi = (share * population for share in GROWTH_WINDOW)
    a = next(i for i, v in enumerate(cumulative) if v >= lo)
    b = next(i for i, v in enumerate(cumulative) if v >= hi)
    # interpolate the crossing days on a log scale for sub-day precision
    def crossing(i, level):
        if i == 0 or cumulative[i] == cumulative[i - 1]:
            return float(i)
        f = (math.log(level) - math.log(cumulative[i - 1])) / (math.log(cumulative[i]) - math.log(cumulative[i - 1]))
        return i - 1 + f
    days = crossing(b, hi) - crossing(a, lo)
    r = math.log(hi / lo) / days
    k = (mean_generation / sd_generation) ** 2
    theta = sd_generation ** 2 / mean_generation
    return (1 + r * theta) ** k, days * math.log(2) / math.log(hi / lo)


def gardefou_base(base, population, days, seed, r0):
    """Gardefou's parameters set as close to OpenABM's baseline as the model allows (see docs/simulation.md)."""
    f = lambda k: float(base[k])
    pop = [f(f"population_{b}") for b in AGE_BANDS]
    households = [f(f"household_size_{i}") for i in range(1, 7)]
    asym = [f(f"fraction_asymptomatic_{b}") for b in AGE_BANDS]
    mild = [f(f"mild_fraction_{b}") for b in AGE_BANDS]
    severe = [1 - a - m for a, m in zip(asym, mild)]
    hosp = [s * f(f"hospitalised_fraction_{b}") for s, b in zip(severe, AGE_BANDS)]
    ifr = [h * f(f"critical_fraction_{b}") * f(f"fatality_fraction_{b}") for h, b in zip(hosp, AGE_BANDS)]
    mean_asym = sum(p * a for p, a in zip(pop, asym)) / sum(pop)
    return {
        "seed": seed,
        "days": days,
        "population": {"places": ["Rennes"], "size": population,
                       "agePyramid": [round(p / sum(pop), 4) for p in pop],
                       "householdSizes": [round(h / sum(households), 4) for h in households]},
        "disease": {
            "r0": round(r0, 2),
            # Weibull with OpenABM's infectious-period mean and sd (gamma 5.5, 2.14)
            "generationShape": 2.78, "generationScale": 6.178,
            # log-normal with OpenABM's time to symptoms (gamma mean 5.42, sd 2.7)
            "incubationMeanLog": 1.579, "incubationSdLog": 0.471,
            "asymptomaticFraction": round(mean_asym, 3),
            "asymptomaticInfectiousness": f("asymptomatic_infectious_factor"),
            "infectiousnessDispersion": round(1 / f("sd_infectiousness_multiplier") ** 2, 3),
            "susceptibility": [f(f"relative_susceptibility_{b}") for b in AGE_BANDS],
            "hospitalisation": [round(h, 6) for h in hosp],
            "fatalityRatio": [round(x, 7) for x in ifr],
            "initialInfected": SEED_INFECTIONS,
            "otherSymptomsPerDay": f("daily_non_cov_symptoms_rate"),
        },
        "interventions": {"householdQuarantine": False, "manualTracing": False},
        "app": {
            "ageAdoption": [f(f"app_users_fraction_{b}") for b in AGE_BANDS],
            "householdClustering": 0, "dropOutPerDay": 0, "uploadFraction": 1.0,
            "notifiedCompliance": f("quarantine_compliance_traced_positive"), "notifiedTestSeeking": 0,
            "notificationDelayDays": 0,
        },
    }


def merge(a, b):
    out = dict(a)
    for k, v in b.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def timed(cmd, cwd, log: Path):
    """Runs cmd under /usr/bin/time -v; returns (stdout text, cpu seconds, wall seconds, max RSS MB)."""
    with open(log, "w") as out, open(log.with_suffix(".time"), "w") as err:
        rc = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, stdout=out, stderr=err).returncode
    text, times = log.read_text(), log.with_suffix(".time").read_text()
    if rc != 0:
        sys.exit(f"error: {' '.join(map(str, cmd))} exited {rc}; see {log} and {log.with_suffix('.time')}")
    return text, *parse_time(times)


def parse_time(times):
    user = float(re.search(r"User time \(seconds\):\s*([\d.]+)", times).group(1))
    sys_ = float(re.search(r"System time \(seconds\):\s*([\d.]+)", times).group(1))
    wall_text = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*([\d:.]+)", times).group(1)
    wall = 0.0
    for part in wall_text.split(":"):
        wall = wall * 60 + float(part)
    rss = float(re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", times).group(1)) / 1024
    return user + sys_, wall, rss


def run_openabm(openabm, header, base, name, overrides, population, days, seed, out: Path, reuse):
    d = out / "openabm" / name
    d.mkdir(parents=True, exist_ok=True)
    log = d / "stdout.csv"
    params = {**base, "n_total": population, "end_time": days, "rng_seed": seed,
              "n_seed_infection": SEED_INFECTIONS, **overrides}
    unknown = [k for k in overrides if k not in base]
    if unknown:
        sys.exit(f"error: OpenABM has no parameter {unknown} in this checkout")
    with open(d / "params.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerow([params[k] for k in header])
    cmd = [str(openabm / "src/covid19ibm.exe"), str((d / "params.csv").resolve()), "1"]
    (d / "command.txt").write_text(f"cd {openabm / 'src'} && /usr/bin/time -v {' '.join(cmd)}\n")
    if reuse and log.exists() and log.with_suffix(".time").exists() and "# Total infected" in log.read_text():
        text, (cpu, wall, rss) = log.read_text(), parse_time(log.with_suffix(".time").read_text())
    else:
        text, cpu, wall, rss = timed(cmd, openabm / "src", log)
    infected = int(re.search(r"# Total infected:\s*(\d+)", text).group(1))
    deaths = int(re.search(r"# Total deaths:\s*(\d+)", text).group(1))
    return {"people": population, "infections": infected, "deaths": deaths, "cpu": cpu, "wall": wall, "rss": rss,
            "notificationsPerUpload": None, "positiveAmongNotified": None}


def run_gardefou(gardefou, base_g, name, overrides, uptake, out: Path, extra):
    d = out / "gardefou" / name
    d.mkdir(parents=True, exist_ok=True)
    scenario = {"base": merge(base_g, overrides), "adoption": [uptake], "designs": ["gaen"], "seeds": 1,
                "levers": False}
    (d / "scenario.json").write_text(json.dumps(scenario, indent=2))
    cmd = [*gardefou, "simulate", "--scenario", str((d / "scenario.json").resolve()), "--out", str((d / "out").resolve()),
           *extra]
    (d / "command.txt").write_text(f"/usr/bin/time -v {' '.join(cmd)}\n")
    log = d / "stdout.txt"
    results = d / "out" / "results.json"
    _, cpu, wall, rss = timed(cmd, REPO, log)
    data = json.loads(results.read_text())
    run = data["runs"][0]
    return {"people": data["people"], "infections": run["infections"], "deaths": run["deaths"], "cpu": cpu,
            "wall": wall, "rss": rss, "notificationsPerUpload": run.get("notificationsPerUpload"),
            "positiveAmongNotified": run.get("positiveAmongNotified")}


def fmt(x, spec):
    return "n/a" if x is None else format(x, spec)


def table(rows):
    lines = ["| scenario | app uptake | attack rate OpenABM | Gardefou | rel. diff | deaths OpenABM | Gardefou "
             "| notifications per upload (Gardefou) | notified who test positive (Gardefou) "
             "| CPU s OpenABM | Gardefou | peak MB OpenABM | Gardefou |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, uptake, o, g in rows:
        ao, ag = o["infections"] / o["people"], g["infections"] / g["people"]
        rel = (ag - ao) / ao if ao else float("nan")
        flag = "" if abs(rel) <= 0.10 else " ⚠"
        lines.append(
            f"| {name} | {uptake:.0%} | {ao:.1%} | {ag:.1%} | {rel:+.1%}{flag} "
            f"| {o['deaths'] * 100000 / o['people']:.0f} | {g['deaths'] * 100000 / g['people']:.0f} "
            f"| {fmt(g['notificationsPerUpload'], '.2f')} | {fmt(g['positiveAmongNotified'], '.1%')} "
            f"| {o['cpu']:.1f} | {g['cpu']:.1f} | {o['rss']:.0f} | {g['rss']:.0f} |")
    lines.append("")
    lines.append("Deaths per 100,000 people. ⚠: attack rates more than 10% apart (relative). OpenABM's C executable "
                 "does not print notifications or who among the notified was infected.")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("openabm", type=Path, help="path of a local OpenABM-Covid19 checkout")
    p.add_argument("--out", type=Path, default=REPO / "out" / "openabm")
    p.add_argument("--population", type=int, default=100000)
    p.add_argument("--days", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--uptakes", default="0,0.18,0.36,0.54,0.72", help="overall app uptakes (share of population)")
    p.add_argument("--only", default="", help="comma-separated scenario names (default: all)")
    p.add_argument("--reuse", action="store_true", help="reuse OpenABM runs whose outputs exist in --out (Gardefou always runs)")
    p.add_argument("--skip-build", action="store_true")
    p.add_argument("--gardefou", default="", help="command that runs gardefou (default: the Release build of this repo)")
    p.add_argument("--gardefou-arg", action="append", default=[], help="extra argument for gardefou simulate")
    a = p.parse_args()
    openabm = a.openabm.resolve()
    if not (openabm / "src" / "main.c").exists() or not (openabm / "tests/data/baseline_parameters.csv").exists():
        sys.exit(f"error: {openabm} is not an OpenABM-Covid19 checkout (src/main.c, tests/data/baseline_parameters.csv)")
    if not a.skip_build:
        # The checkout's Makefile compiles with -O0; -O2 makes the CPU comparison fair to OpenABM.
        cflags = "-O2 -fmessage-length=0 " + subprocess.run(["gsl-config", "--cflags"], capture_output=True,
                                                             text=True, check=True).stdout.strip()
        subprocess.run(["make", "-C", str(openabm), "all", f"CFLAGS={cflags}"], check=True, stdout=subprocess.DEVNULL)
        if not a.gardefou:
            subprocess.run(["dotnet", "build", "src/Gardefou.Cli", "-c", "Release", "-nologo", "-v", "q"], cwd=REPO,
                           check=True)
    gardefou = a.gardefou.split() if a.gardefou else \
        ["dotnet", str(REPO / "src/Gardefou.Cli/bin/Release/net10.0/gardefou.dll")]
    header, base = read_baseline(openabm)
    uptakes = [float(x) for x in a.uptakes.split(",")]
    plan = scenarios(base, uptakes)
    only = [s for s in a.only.split(",") if s]
    bad = [s for s in only if s not in plan]
    if bad:
        sys.exit(f"error: unknown scenario {bad}; known: {', '.join(plan)}")
    a.out.mkdir(parents=True, exist_ok=True)
    # OpenABM's no-intervention run first: its early growth sets Gardefou's R0 for every scenario.
    print("no-intervention: OpenABM (growth rate for R0)…", flush=True)
    reference = run_openabm(openabm, header, base, "no-intervention", plan["no-intervention"][0], a.population, a.days,
                            a.seed, a.out, a.reuse)
    r0, doubling = growth_r0(cumulative_infections((a.out / "openabm/no-intervention/stdout.csv").read_text()),
                             a.population, float(base["mean_infectious_period"]), float(base["sd_infectious_period"]))
    print(f"OpenABM doubles every {doubling:.2f} days between {GROWTH_WINDOW[0]:.0%} and {GROWTH_WINDOW[1]:.0%} "
          f"infected: R0 {r0:.2f} for Gardefou", flush=True)
    base_g = gardefou_base(base, a.population, a.days, a.seed, r0)
    rows = []
    for name, (o_over, g_over, uptake) in plan.items():
        if only and name not in only:
            continue
        print(f"{name}: OpenABM…", flush=True)
        o = reference if name == "no-intervention" else \
            run_openabm(openabm, header, base, name, o_over, a.population, a.days, a.seed, a.out, a.reuse)
        print(f"{name}: Gardefou…", flush=True)
        g = run_gardefou(gardefou, base_g, name, g_over, uptake, a.out, a.gardefou_arg)
        rows.append((name, uptake, o, g))
        (a.out / "results.json").write_text(json.dumps(
            [{"scenario": n, "uptake": u, "openabm": oo, "gardefou": gg} for n, u, oo, gg in rows], indent=2))
    text = table(rows) + f"\n\nGardefou's R0: {r0:.2f}, from OpenABM's doubling time of {doubling:.2f} days (no intervention)."
    (a.out / "table.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
