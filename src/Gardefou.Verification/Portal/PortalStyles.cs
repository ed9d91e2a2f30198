namespace Gardefou.Verification.Portal;

/// <summary>The portal's only stylesheet: plain CSS, one column on a phone, visible focus, no external fonts.</summary>
internal static class PortalStyles
{
    public const string Css = """
        *, *::before, *::after { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; font-size: 100%; line-height: 1.5; color: #1b1f23; background: #f5f7f9; }
        body { margin: 0; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
        .skip:focus { left: 0; z-index: 10; }
        header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .75rem 1rem; background: #0b4f6c; color: #fff; }
        header a { color: #fff; }
        .brand { font-weight: 700; }
        nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
        .signout { display: flex; gap: .5rem; align-items: center; margin-left: auto; }
        .signout button { background: transparent; color: #fff; border: 1px solid #fff; }
        main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin-top: 0; }
        .card { background: #fff; border: 1px solid #d0d7de; border-radius: .5rem; padding: 1rem; margin-bottom: 1rem; }
        form.card { display: flex; flex-direction: column; gap: .35rem; }
        label { font-weight: 600; margin-top: .5rem; }
        input, select, button { font: inherit; padding: .6rem .75rem; border-radius: .35rem; border: 1px solid #8c959f; min-height: 2.75rem; }
        input, select { width: 100%; background: #fff; }
        button { background: #0b4f6c; color: #fff; border-color: #0b4f6c; cursor: pointer; margin-top: .75rem; }
        .actions form { display: inline-block; margin: 0 .25rem .25rem 0; }
        .actions button { margin-top: 0; padding: .35rem .6rem; min-height: 2.25rem; }
        a:focus-visible, input:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid #f4a100; outline-offset: 2px; }
        .code { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 2rem; letter-spacing: .15em; font-weight: 700; margin: .25rem 0; word-break: break-all; }
        .code.long { font-size: 1.1rem; letter-spacing: .08em; }
        .issued { border-color: #1a7f37; background: #f0fff4; }
        .error { color: #a40e26; background: #fff0f0; border: 1px solid #a40e26; padding: .5rem .75rem; border-radius: .35rem; }
        .notice { color: #0b4f6c; background: #eef7fb; border: 1px solid #0b4f6c; padding: .5rem .75rem; border-radius: .35rem; }
        .muted { color: #57606a; font-size: .9rem; margin: 0; }
        .table-wrap { overflow-x: auto; margin-bottom: 1rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #d0d7de; }
        td.issued, td.claimed, td.certificates { text-align: right; background: transparent; font-variant-numeric: tabular-nums; }
        @media (max-width: 30rem) { .signout { margin-left: 0; } .code { font-size: 1.6rem; } }
        """;
}
