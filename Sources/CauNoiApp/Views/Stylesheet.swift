/// Served from memory at `SiteRoute.stylesheet`, so the binary needs no public folder at run time.
enum Stylesheet {
    static let css = """
    :root{--fg:#1b1f24;--muted:#5b6470;--line:#d9dee4;--accent:#c8102e;--bg:#fff;--soft:#f5f7f9;--ok:#1f7a3a}
    *{box-sizing:border-box}
    body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:var(--bg)}
    .top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;background:var(--accent)}
    .top a{color:#fff;text-decoration:none}
    .brand{font-weight:700;font-size:1.1rem;margin-right:auto}
    .top nav{display:flex;flex-wrap:wrap;gap:.75rem}
    .top nav a[aria-current]{text-decoration:underline}
    .menu{display:none;color:#fff}
    .menu summary{cursor:pointer;padding:.3rem .6rem;border:1px solid #fff;border-radius:.4rem;list-style:none}
    .menu[open] nav{flex-direction:column;position:absolute;right:1rem;background:var(--accent);padding:.75rem 1rem;border-radius:.4rem;z-index:2}
    .account{display:flex;gap:.5rem;align-items:center;color:#fff;margin:0}
    .account button{background:#fff;color:var(--accent);min-height:2.2rem;padding:.3rem .7rem}
    main{max-width:60rem;margin:0 auto;padding:1rem}
    h1{font-size:1.4rem;margin:.5rem 0 1rem}
    h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
    footer{max-width:60rem;margin:2rem auto;padding:1rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
    .stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;margin:1rem 0}
    .stat{background:var(--soft);border-radius:.5rem;padding:.75rem}
    .stat b{display:block;font-size:1.5rem}
    .stat span{color:var(--muted);font-size:.9rem}
    table{width:100%;border-collapse:collapse;margin:.5rem 0}
    th,td{text-align:left;padding:.45rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
    th{font-size:.85rem;color:var(--muted)}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    .search{display:flex;gap:.5rem;margin:1rem 0}
    .search input{flex:1}
    input,select,button,textarea{font:inherit;padding:.55rem;border:1px solid var(--line);border-radius:.4rem;min-height:2.75rem}
    button,.button{background:var(--accent);color:#fff;border:0;padding:.6rem 1rem;border-radius:.4rem;text-decoration:none;display:inline-block;cursor:pointer}
    .field{display:block;margin:.75rem 0}
    .field>span,legend{display:block;font-weight:600;margin-bottom:.25rem}
    .field input:not([type=checkbox]),.field select,.field textarea{width:100%}
    fieldset{border:1px solid var(--line);border-radius:.4rem}
    .checks{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
    .check{display:inline-flex;align-items:center;gap:.3rem;min-height:2.5rem;max-width:100%}
    .check input{min-height:auto;width:1.2rem;height:1.2rem}
    .error{color:var(--accent);margin:.25rem 0 0;font-size:.9rem}
    .hint{color:var(--muted);margin:.25rem 0 0;font-size:.85rem}
    .alert{background:#fdecee;border-left:4px solid var(--accent);padding:.75rem;margin:1rem 0}
    .notice{background:#e9f6ee;border-left:4px solid var(--ok);padding:.75rem;margin:1rem 0}
    .tags{display:flex;flex-wrap:wrap;gap:.3rem;padding:0;list-style:none}
    .tags li{background:var(--soft);border-radius:1rem;padding:.1rem .6rem;font-size:.85rem}
    .muted{color:var(--muted)}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
    dl.facts dt{color:var(--muted)}
    dl.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
    @media (max-width:30rem){dl.facts{grid-template-columns:1fr;gap:0}dl.facts dd{margin-bottom:.5rem}}
    .crumbs{font-size:.9rem;color:var(--muted)}
    .crumbs a{color:inherit}
    .summary{font-size:1.05rem;background:var(--soft);padding:.75rem;border-radius:.5rem}
    .charts svg{width:100%;height:auto;max-width:44rem;display:block;margin:1rem 0}
    td.actions form{display:inline-block;margin:.15rem .3rem .15rem 0}
    ul.tasks{list-style:none;padding:0}ul.tasks li{margin:.5rem 0}
    .secret input{width:100%;font-family:ui-monospace,monospace;font-size:.9rem}
    .lead{font-size:1.15rem}
    .search.big{flex-wrap:wrap;font-size:1.15rem}.search.big label{flex-basis:100%;font-weight:600}
    button.secondary{background:#fff;color:var(--accent);border:2px solid var(--accent);font-size:1.05rem}
    ul.places,ul.teams{list-style:none;padding:0;font-size:1.1rem}ul.places li{padding:.6rem 0;border-bottom:1px solid var(--line)}
    ul.teams li.team{background:var(--soft);border-radius:.5rem;padding:.5rem 1rem;margin:.75rem 0}ul.teams h3{margin:.3rem 0;font-size:1.15rem}
    a.tel{font-size:1.3rem;font-weight:700;white-space:nowrap}
    .button.big,button.big{font-size:1.2rem;padding:.8rem 1.4rem}
    form.citizen{font-size:1.1rem}.consent{white-space:normal;align-items:flex-start}.consent input{margin-top:.35rem;flex:none}
    .trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
    p.code{font:700 1.8rem ui-monospace,monospace;letter-spacing:.1em;margin:.5rem 0}
    article.guide ul.bring li{font-size:1.1rem;margin:.3rem 0}p.source{font-size:.9rem;color:var(--muted)}
    ul.queue{list-style:none;padding:0}ul.queue>li{border:1px solid var(--line);border-radius:.5rem;padding:.5rem 1rem;margin:.75rem 0}ul.queue p{margin:.25rem 0}ul.queue form{display:inline-block;margin:.3rem .5rem .3rem 0;vertical-align:bottom}
    .badge{display:inline-block;border-radius:1rem;padding:.1rem .6rem;font-size:.85rem;background:var(--soft)}.badge.danger{background:#fdecee;color:var(--accent)}.badge.warn{background:#fff4d6}
    ul.plain{list-style:none;padding:0}
    .table-wrap{overflow-x:auto;max-width:100%}
    @media print{.top,.noprint,footer,form{display:none}body{font-size:11pt}main{max-width:none;padding:0}.stat b{font-size:1.2rem}@page{size:A4;margin:14mm}}
    @media (max-width:40rem){.top nav.full{display:none}.menu{display:block}.top{position:relative}table.wide thead{display:none}table.wide td{display:block;border:0;padding:.1rem 0}table.wide tr{display:block;border-bottom:1px solid var(--line);padding:.5rem 0}table.cards td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85rem}table.compact tr{display:grid;grid-template-columns:1fr 1fr;gap:0 1rem}table.compact td:first-child{grid-column:1/-1;font-weight:600}table.compact td.num{display:flex;justify-content:space-between;gap:.5rem}}
    """
}
