namespace Gardefou.Simulation.Parameters;

/// <summary>
/// Natural history. Generation time and incubation from Ferretti et al. 2020 (Science, Table 1);
/// asymptomatic share and relative infectiousness from Ferretti (0.4, 0.1; OpenABM uses 0.18–0.45 by age and 0.29);
/// hospitalisation and death by age from Verity et al. 2020 (Lancet ID) as used by OpenABM.
/// </summary>
public sealed record DiseaseParameters
{
    /// <summary>
    /// Reproduction number before testing, isolation, quarantine and tracing, which the transmission rate is calibrated
    /// to. Default 1.8: France's early-2020 R0 of about 2.9 (Salje et al. 2020, Science 369:208) reduced by the
    /// distancing still in force in autumn 2020 (masks, telework, closed venues), so that with the default
    /// interventions and no app a town sees a growing second wave (see docs/simulation.md, "Calibration"); set 2.5 or
    /// more for an unmitigated epidemic.
    /// </summary>
    public double R0 { get; init; } = 1.8;

    /// <summary>Weibull shape of the generation time (Ferretti: 2.826).</summary>
    public double GenerationShape { get; init; } = 2.826;

    /// <summary>Weibull scale of the generation time in days (Ferretti: 5.665).</summary>
    public double GenerationScale { get; init; } = 5.665;

    /// <summary>Log-normal meanlog of the incubation period (Ferretti: 1.644, median 5.2 days).</summary>
    public double IncubationMeanLog { get; init; } = 1.644;

    /// <summary>Log-normal sdlog of the incubation period (Ferretti: 0.363).</summary>
    public double IncubationSdLog { get; init; } = 0.363;

    /// <summary>Probability that an infection stays asymptomatic (Ferretti: 0.4).</summary>
    public double AsymptomaticFraction { get; init; } = 0.4;

    /// <summary>Infectiousness of an asymptomatic case relative to a symptomatic one (Ferretti: 0.1).</summary>
    public double AsymptomaticInfectiousness { get; init; } = 0.1;

    /// <summary>
    /// Gamma shape of individual infectiousness (mean 1, variance 1/shape: over-dispersion); 0 disables it. Default
    /// 0.51 = 1/1.4², OpenABM-Covid19's baseline (its <c>sd_infectiousness_multiplier</c> is 1.4 and it draws a gamma
    /// of shape 1/sd²).
    /// </summary>
    public double InfectiousnessDispersion { get; init; } = 0.51;

    /// <summary>Relative susceptibility per age band (OpenABM defaults, children less susceptible).</summary>
    public IReadOnlyList<double> Susceptibility { get; init; } = [0.71, 0.74, 0.79, 0.87, 0.98, 1.11, 1.26, 1.45, 1.66];

    /// <summary>Share of all infections hospitalised per age band (Verity et al. 2020).</summary>
    public IReadOnlyList<double> Hospitalisation { get; init; } = [0.001, 0.003, 0.012, 0.032, 0.049, 0.102, 0.166, 0.243, 0.273];

    /// <summary>Infection fatality ratio per age band (Verity et al. 2020).</summary>
    public IReadOnlyList<double> FatalityRatio { get; init; } = [0.0000161, 0.0000695, 0.000309, 0.000844, 0.00161, 0.00595, 0.0193, 0.0428, 0.078];

    /// <summary>Days from symptom onset to hospital admission (OpenABM ≈ 5.1).</summary>
    public int OnsetToHospitalDays { get; init; } = 5;

    /// <summary>Days from symptom onset to death (Verity: 17.8).</summary>
    public int OnsetToDeathDays { get; init; } = 18;

    /// <summary>Days after infection during which a PCR test can be positive.</summary>
    public int DetectableDays { get; init; } = 21;

    /// <summary>
    /// People infected on day 0, spread over the population. Default 100 (0.2% of the README's 50,000 people, the
    /// order of French prevalence at the start of October 2020): with over-dispersed infectiousness, ten seeds often
    /// die out by chance before the app can be measured. Must not exceed the population.
    /// </summary>
    public int InitialInfected { get; init; } = 100;

    /// <summary>Daily probability of COVID-like symptoms from another cause (OpenABM/Hinch: 0.05–0.5%/day; 0.2% default).</summary>
    public double OtherSymptomsPerDay { get; init; } = 0.002;
}
