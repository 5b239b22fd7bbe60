#!/usr/bin/env node
// Real-browser test of the interactive path: the Jupyter Notebook web UI, as a student uses it, driven
// by headless Chromium through puppeteer-core. Started by environment/browser/test (which sets
// JUPYTER_PATH to our kernelspec); see that file for the options.
//
// For each notebook (a COPY in a temp dir, so the committed notebooks are never touched) it:
//   1. opens it and waits until the kernel answered kernel_info and the indicator shows idle; the
//      committed outputs a reader sees first must show every committed PNG plot, decoded;
//   2. clears those outputs, runs all cells and checks the DOM: no error output, every cell executed, the plots as decoded
//      data:image/png <img>, the tables as HTML <table>, a "VERDICT: PASS" line; the expected counts per
//      cell come from the headless report (target/report/notebooks/NAME.ipynb) when it ran the same code;
//   3. saves a screenshot to the output dir, then restarts the kernel N times and checks that each
//      restart reaches idle within the bound.
// Every start is counted once, with no retry: a kernel that does not come up is a failure to report.
// It starts the notebook server and Chromium itself and removes them, their kernels and the temp dir
// on any exit, including failures, Ctrl-C and SIGTERM.
'use strict';

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const ROOT = path.resolve(__dirname, '..', '..');
const USAGE = `usage: run.js [--kernel NAME] [--python PATH] [--chromium PATH] [--restarts N] [--idle-timeout S]
              [--run-timeout S] [--out DIR] [--expect-from DIR] [--server-arg ARG]... [NOTEBOOK...]`;

// ------------------------------------------------------------------------------------------ options

function parseArgs(argv) {
    const o = {
        kernel: 'java',           // the kernelspec the notebooks name; another one is written into the copies
        python: '/usr/bin/python3',
        chromium: '/usr/bin/chromium',
        restarts: 10,
        idleTimeout: 30,          // s from a (re)start until the kernel must be idle
        runTimeout: 300,          // s for "run all" of one notebook
        out: path.join(ROOT, 'target', 'browser'),
        expectFrom: path.join(ROOT, 'target', 'report', 'notebooks'),
        serverArgs: [],
        notebooks: [],
    };
    const number = (name, v) => {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) fail(`${name} must be a number >= 0, got '${v}'`);
        return n;
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) fail(`${a} needs a value`);
            return argv[++i];
        };
        switch (a) {
            case '--kernel': o.kernel = value(); break;
            case '--python': o.python = value(); break;
            case '--chromium': o.chromium = value(); break;
            case '--restarts': o.restarts = Math.floor(number(a, value())); break;
            case '--idle-timeout': o.idleTimeout = number(a, value()); break;
            case '--run-timeout': o.runTimeout = number(a, value()); break;
            case '--out': o.out = path.resolve(value()); break;
            case '--expect-from': o.expectFrom = path.resolve(value()); break;
            case '--server-arg': o.serverArgs.push(value()); break;
            case '-h': case '--help': process.stdout.write(USAGE + '\n'); process.exit(0); break;
            default:
                if (a.startsWith('-')) fail(`unknown option '${a}'\n${USAGE}`);
                o.notebooks.push(a);
        }
    }
    if (o.notebooks.length === 0) {
        o.notebooks = ['00-quickstart.ipynb', '01-theorem-3.1-scalar-convergence.ipynb'];
    }
    o.notebooks = o.notebooks.map((n) => {
        const name = path.basename(n.endsWith('.ipynb') ? n : n + '.ipynb');
        const file = path.join(ROOT, 'notebooks', name);
        if (!fs.existsSync(file)) fail(`no notebook '${n}' in ${path.join(ROOT, 'notebooks')}`);
        return name;
    });
    return o;
}

function log(msg) {
    process.stderr.write(`[browser] ${msg}\n`);
}

function fail(msg) {
    log(`ERROR: ${msg}`);
    process.exit(2);
}

// An error with a message that says all (no stack trace needed).
class TestError extends Error {}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms) => (ms / 1000).toFixed(1);

// ------------------------------------------------------------------------- what we start, and undo

// Everything we start lives in (or names) this temp dir, so a scan for it finds our leftovers only.
const state = { tmp: null, server: null, browser: null, cleaned: false };

function processesOfOurs() {
    // Kernels are started by the server in sessions of their own, so killing the server's process
    // group may miss them; their argv names the connection file in our runtime dir, and their cwd is
    // our notebook dir. Chromium's crashpad helper names our profile dir.
    const found = [];
    if (!state.tmp) return found;
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
        try {
            const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
            let cwd = '';
            try { cwd = fs.readlinkSync(`/proc/${entry}/cwd`); } catch (e) { /* gone or not ours */ }
            if (cmdline.includes(state.tmp) || cwd === state.tmp || cwd.startsWith(state.tmp + '/')) {
                found.push(Number(entry));
            }
        } catch (e) { /* exited meanwhile */ }
    }
    return found;
}

function killGroup(pid, signal) {
    try { process.kill(-pid, signal); } catch (e) { /* already gone */ }
}

// Synchronous last resort, also run from process.on('exit').
function cleanupNow() {
    if (state.browser) {
        const p = state.browser.process();
        if (p && p.exitCode === null && p.pid) killGroup(p.pid, 'SIGKILL');
    }
    if (state.server && state.server.exitCode === null) killGroup(state.server.pid, 'SIGKILL');
    for (const pid of processesOfOurs()) {
        try { process.kill(pid, 'SIGKILL'); } catch (e) { /* gone */ }
    }
    if (state.tmp) {
        fs.rmSync(state.tmp, { recursive: true, force: true });
        state.tmp = null;
    }
}

async function cleanup() {
    if (state.cleaned) return;
    state.cleaned = true;
    if (state.browser) {
        await Promise.race([state.browser.close().catch(() => {}), sleep(5000)]);
    }
    if (state.server && state.server.exitCode === null) {
        // SIGTERM makes Notebook 6 shut its kernels down before it exits.
        killGroup(state.server.pid, 'SIGTERM');
        for (let i = 0; i < 100 && state.server.exitCode === null; i++) await sleep(100);
    }
    const strays = processesOfOurs();
    if (strays.length) log(`killing ${strays.length} leftover process(es): ${strays.join(' ')}`);
    cleanupNow();
}

// After cleaning up, die of the same signal, so that a calling shell script stops too.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
        const die = () => { process.removeAllListeners(signal); process.kill(process.pid, signal); };
        if (interrupted) { cleanupNow(); die(); return; }
        interrupted = true;
        log(`${signal}: stopping, cleaning up`);
        cleanup().finally(die);
    });
}
process.on('exit', cleanupNow);

// ------------------------------------------------------------------------------------------ server

function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => resolve(port));
        });
    });
}

async function startServer(opt, notebookDir) {
    const port = await freePort();
    const token = crypto.randomBytes(24).toString('hex');
    const env = {
        ...process.env,
        JUPYTER_TOKEN: token,                                   // not on the command line: ps shows that
        JUPYTER_CONFIG_DIR: path.join(state.tmp, 'config'),     // no user config changes what we test
        JUPYTER_RUNTIME_DIR: path.join(state.tmp, 'runtime'),   // connection files: removed with tmp
    };
    const args = ['-m', 'notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
        `--notebook-dir=${notebookDir}`,
        '--NotebookNotary.db_file=:memory:',                    // trusting our copies writes no user file
        ...opt.serverArgs];
    if (process.getuid && process.getuid() === 0) args.push('--allow-root');
    const logFile = path.join(opt.out, 'server.log');
    const out = fs.openSync(logFile, 'w');
    state.server = childProcess.spawn(opt.python, args, {
        cwd: state.tmp, env, stdio: ['ignore', out, out], detached: true,
    });
    fs.closeSync(out);
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
        if (state.server.exitCode !== null) {
            throw new TestError(`notebook server exited with ${state.server.exitCode}; see ${logFile}`);
        }
        try {
            const r = await fetch(`${base}/api/kernelspecs`, { headers: { Authorization: `token ${token}` } });
            if (r.ok) {
                const specs = await r.json();
                const kernel = specs.kernelspecs && specs.kernelspecs[opt.kernel];
                if (!kernel) {
                    throw new TestError(`the server sees no kernelspec '${opt.kernel}' (it sees: `
                        + `${Object.keys(specs.kernelspecs || {}).join(', ')}; JUPYTER_PATH=${process.env.JUPYTER_PATH})`);
                }
                log(`notebook server on ${base} (pid ${state.server.pid}), kernel ${opt.kernel}: '${kernel.spec.display_name}'`);
                return { base, token, logFile, kernelspec: kernel.spec };
            }
        } catch (e) {
            if (!/ECONNREFUSED|fetch failed/.test(String(e.cause || e))) throw e;
        }
        await sleep(250);
    }
    throw new TestError(`notebook server did not answer within 60 s; see ${logFile}`);
}

// ------------------------------------------------------------------------------------- in the page

// Waits until the page's kernel has answered kernel_info (the shell channel works) and the kernel
// indicator shows idle. Resolves to the ms it took, or null on timeout.
async function waitIdle(page, timeoutS, since) {
    try {
        await page.waitForFunction(() => {
            const k = window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel;
            const icon = document.getElementById('kernel_indicator_icon');
            return !!(k && k.is_connected() && k.info_reply && k.info_reply.protocol_version
                && icon && icon.classList.contains('kernel_idle_icon'));
        }, { timeout: timeoutS * 1000, polling: 100 });
        return Date.now() - since;
    } catch (e) {
        if (e.name === 'TimeoutError') return null;
        throw e;
    }
}

async function kernelState(page) {
    return page.evaluate(() => {
        const k = window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel;
        const icon = document.getElementById('kernel_indicator_icon');
        return `connected=${!!(k && k.is_connected())} kernel_info=${!!(k && k.info_reply && k.info_reply.protocol_version)}`
            + ` indicator=${icon ? icon.className : 'none'}`;
    }).catch((e) => `unreadable (${e.message})`);
}

// What each code cell shows, read from the DOM.
function readCells(page) {
    return page.evaluate(() => Jupyter.notebook.get_cells().map((cell, index) => {
        if (cell.cell_type !== 'code') return { index, code: false };
        const area = cell.element[0].querySelector('.output_wrapper') || cell.element[0];
        const imgs = [...area.querySelectorAll('.output_area img')];
        return {
            index,
            code: true,
            source: cell.get_text(),
            prompt: cell.input_prompt_number === undefined ? null : cell.input_prompt_number,
            running: cell.element[0].classList.contains('running'),
            errors: [...area.querySelectorAll('.output_error')].map((e) => e.innerText.split('\n')[0].slice(0, 200)),
            png: imgs.filter((i) => i.src.startsWith('data:image/png')).length,
            pngDecoded: imgs.filter((i) => i.src.startsWith('data:image/png') && i.complete
                && i.naturalWidth > 0 && i.naturalHeight > 0).length,
            tables: area.querySelectorAll('.output_area .output_html table').length,
            text: [...area.querySelectorAll('.output_area')].map((e) => e.innerText).join('\n'),
        };
    }));
}

// The per-cell counts the notebook is meant to show, from the headless report's executed copy, when
// that ran the same code; else null (then the notebook's "largelr.expects" types give minimums).
function expectedFromReport(opt, name, source) {
    const file = path.join(opt.expectFrom, name);
    if (!fs.existsSync(file)) return { cells: null, why: `no ${path.relative(ROOT, file)}` };
    const executed = JSON.parse(fs.readFileSync(file, 'utf8'));
    const text = (c) => (Array.isArray(c.source) ? c.source.join('') : c.source);
    const codeOf = (nb) => nb.cells.filter((c) => c.cell_type === 'code').map(text);
    if (JSON.stringify(codeOf(executed)) !== JSON.stringify(codeOf(source))) {
        return { cells: null, why: `${path.relative(ROOT, file)} ran other code (stale)` };
    }
    const cells = executed.cells.map((c) => {
        if (c.cell_type !== 'code') return null;
        let png = 0, tables = 0;
        for (const o of c.outputs || []) {
            const data = o.data || {};
            if (data['image/png']) png++;
            if (data['text/html']) {
                const html = Array.isArray(data['text/html']) ? data['text/html'].join('') : data['text/html'];
                tables += (html.match(/<table[\s>]/gi) || []).length;
            }
        }
        return { png, tables };
    });
    return { cells, why: path.relative(ROOT, file) };
}

// ------------------------------------------------------------------------------------ one notebook

async function testNotebook(opt, server, name, counts) {
    const problems = [];
    const source = JSON.parse(fs.readFileSync(path.join(ROOT, 'notebooks', name), 'utf8'));
    const page = await state.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('pageerror', (e) => log(`${name}: page error: ${e.message.split('\n')[0]}`));

    // 1. open: the first kernel start
    const opened = Date.now();
    await page.goto(`${server.base}/notebooks/${encodeURIComponent(name)}?token=${server.token}`,
        { waitUntil: 'domcontentloaded', timeout: 60000 });
    const startMs = await waitIdle(page, opt.idleTimeout, opened);
    counts.record(name, 'open', startMs);
    if (startMs === null) {
        const why = await kernelState(page);
        problems.push(`kernel not idle ${opt.idleTimeout} s after opening (${why})`);
        log(`${name}: open: kernel NOT idle within ${opt.idleTimeout} s (${why})`);
    } else {
        log(`${name}: open: kernel idle after ${seconds(startMs)} s`);
    }

    // 2. the reader's view (the committed outputs), then clear them, run all and read what the cells show
    if (startMs !== null) {
        problems.push(...await checkCommittedView(page, name, source));
        await page.evaluate(() => Jupyter.notebook.clear_all_output());
        const ran = Date.now();
        await page.evaluate(() => Jupyter.notebook.execute_all_cells());
        try {
            await page.waitForFunction(() => {
                const icon = document.getElementById('kernel_indicator_icon');
                const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code' && c.get_text().trim());
                return cells.every((c) => !c.element[0].classList.contains('running'))
                    && icon && icon.classList.contains('kernel_idle_icon')
                    && [...document.querySelectorAll('.output_area img')].every((i) => i.complete);
            }, { timeout: opt.runTimeout * 1000, polling: 250 });
            log(`${name}: run all: finished in ${seconds(Date.now() - ran)} s`);
        } catch (e) {
            if (e.name !== 'TimeoutError') throw e;
            problems.push(`run all did not finish within ${opt.runTimeout} s (${await kernelState(page)})`);
        }
        problems.push(...checkCells(opt, name, source, await readCells(page)));
    }

    // 3. screenshot of the whole notebook (Notebook 6 scrolls inside #site, so let the page grow)
    fs.mkdirSync(opt.out, { recursive: true });
    const shot = path.join(opt.out, name.replace(/\.ipynb$/, '.png'));
    await page.addStyleTag({ content: 'html, body, #site { height: auto !important; overflow: visible !important; }' });
    await page.screenshot({ path: shot, fullPage: true });
    log(`${name}: screenshot ${path.relative(ROOT, shot)}`);

    // 4. restarts, each counted once
    let failedRestarts = 0;
    for (let r = 1; r <= opt.restarts; r++) {
        const asked = Date.now();
        await page.evaluate(() => {
            Jupyter.notebook.kernel.info_reply = {};   // so that waitIdle waits for the new kernel's reply
            Jupyter.notebook.kernel.restart();
        });
        const ms = await waitIdle(page, opt.idleTimeout, asked);
        counts.record(name, `restart ${r}`, ms);
        if (ms === null) {
            failedRestarts++;
            log(`${name}: restart ${r}/${opt.restarts}: NOT idle within ${opt.idleTimeout} s (${await kernelState(page)})`);
        } else {
            log(`${name}: restart ${r}/${opt.restarts}: idle after ${seconds(ms)} s`);
        }
    }
    if (failedRestarts) problems.push(`${failedRestarts} of ${opt.restarts} restarts not idle within ${opt.idleTimeout} s`);
    await page.close();
    return problems;
}

// The committed notebook as a reader opens it, before anything runs: each committed image/png output must
// show as a decoded <img>. A notebook committed without outputs is reported by the headless run's
// --check-committed, not here.
async function checkCommittedView(page, name, source) {
    const committed = source.cells.reduce((n, c) => n + (c.outputs || []).filter((o) => o.data && o.data['image/png']).length, 0);
    if (committed === 0) {
        log(`${name}: committed without plots: nothing to see before running`);
        return [];
    }
    try {
        await page.waitForFunction(() => [...document.querySelectorAll('.output_area img')].every((i) => i.complete),
            { timeout: 30000, polling: 100 });
    } catch (e) {
        if (e.name !== 'TimeoutError') throw e;
    }
    const shown = await page.evaluate(() => [...document.querySelectorAll('.output_area img')]
        .filter((i) => i.src.startsWith('data:image/png') && i.complete && i.naturalWidth > 0 && i.naturalHeight > 0).length);
    log(`${name}: as committed: ${shown} of ${committed} PNG plot(s) shown before running`);
    return shown === committed ? [] : [`as committed, ${shown} of ${committed} PNG plots show before running`];
}

function checkCells(opt, name, source, cells) {
    const problems = [];
    const expected = expectedFromReport(opt, name, source);
    const expects = (source.metadata.largelr && source.metadata.largelr.expects) || ['image/png'];
    let png = 0, tables = 0, wantPng = 0, wantTables = 0;
    for (const c of cells.filter((x) => x.code && x.source.trim())) {
        const where = `cell ${c.index}`;
        if (c.running || typeof c.prompt !== 'number') problems.push(`${where} did not run (prompt ${JSON.stringify(c.prompt)})`);
        for (const e of c.errors) problems.push(`${where} shows an error: ${e}`);
        if (c.pngDecoded !== c.png) problems.push(`${where}: ${c.png - c.pngDecoded} of ${c.png} PNG images not decoded`);
        png += c.pngDecoded;
        tables += c.tables;
        const want = expected.cells && expected.cells[c.index];
        if (want) {
            wantPng += want.png;
            wantTables += want.tables;
            if (c.pngDecoded !== want.png) problems.push(`${where} shows ${c.pngDecoded} PNG image(s), the headless run ${want.png}`);
            if (c.tables !== want.tables) problems.push(`${where} shows ${c.tables} HTML table(s), the headless run ${want.tables}`);
        }
    }
    if (!expected.cells) {
        log(`${name}: ${expected.why}: checking only that each type in "largelr.expects" shows up`);
        if (expects.includes('image/png') && png === 0) problems.push('no PNG image shown');
        if (expects.includes('text/html') && tables === 0) problems.push('no HTML table shown');
    }
    const text = cells.filter((c) => c.code).map((c) => c.text).join('\n');
    const verdicts = text.split('\n').filter((l) => /^VERDICT:/.test(l.trim())).map((l) => l.trim());
    if (!verdicts.some((v) => v.startsWith('VERDICT: PASS'))) problems.push(`no "VERDICT: PASS" line (found: ${JSON.stringify(verdicts)})`);
    for (const v of verdicts.filter((x) => !x.startsWith('VERDICT: PASS'))) problems.push(`verdict line: ${v}`);
    log(`${name}: ${png} PNG image(s)${expected.cells ? ` (headless run: ${wantPng})` : ''}, `
        + `${tables} HTML table(s)${expected.cells ? ` (headless run: ${wantTables})` : ''}, `
        + `${verdicts.length ? verdicts[verdicts.length - 1] : 'no VERDICT line'}`);
    return problems;
}

// ------------------------------------------------------------------------------------------- main

// The copy the browser opens: the committed file as is, or with another kernelspec (--kernel).
function copyNotebook(name, dir, spec, kernel) {
    const from = path.join(ROOT, 'notebooks', name), to = path.join(dir, name);
    const nb = JSON.parse(fs.readFileSync(from, 'utf8'));
    if (nb.metadata.kernelspec && nb.metadata.kernelspec.name === kernel) {
        fs.copyFileSync(from, to);
        return;
    }
    nb.metadata.kernelspec = { name: kernel, display_name: spec.display_name, language: spec.language };
    fs.writeFileSync(to, JSON.stringify(nb, null, 1) + '\n');
}

async function main() {
    const opt = parseArgs(process.argv.slice(2));
    const began = Date.now();
    state.tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'largelr-browser-')));
    const notebookDir = path.join(state.tmp, 'notebooks');
    fs.mkdirSync(notebookDir);
    fs.mkdirSync(opt.out, { recursive: true });

    const server = await startServer(opt, notebookDir);
    for (const name of opt.notebooks) copyNotebook(name, notebookDir, server.kernelspec, opt.kernel);
    state.browser = await puppeteer.launch({
        executablePath: opt.chromium,
        headless: true,
        pipe: true,                      // DevTools over a pipe: no debugging port to open
        userDataDir: path.join(state.tmp, 'chromium'),
        handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,   // ours clean up the server too
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    log(`chromium ${await state.browser.version()}`);

    // Every kernel start, in order: written to starts.csv for the record.
    const counts = {
        starts: 0, idle: 0, idleMs: [], rows: ['notebook,start,idle_seconds'],
        record(name, what, ms) {
            this.starts++;
            if (ms !== null) { this.idle++; this.idleMs.push(ms); }
            this.rows.push(`${name},${what},${ms === null ? `not idle within ${opt.idleTimeout}` : seconds(ms)}`);
        },
    };
    const results = [];
    for (const name of opt.notebooks) {
        if (interrupted) break;
        let problems;
        try {
            problems = await testNotebook(opt, server, name, counts);
        } catch (e) {
            if (interrupted) break;
            problems = [`test aborted: ${e.message.split('\n')[0]}`];
        }
        for (const p of problems) log(`${name}: FAIL: ${p}`);
        log(`${name}: ${problems.length ? 'FAILED' : 'passed'}`);
        results.push(problems.length === 0);
    }
    if (interrupted) return;
    const sorted = [...counts.idleMs].sort((a, b) => a - b);
    if (sorted.length) {
        log(`time to idle: min ${seconds(sorted[0])} s, median ${seconds(sorted[Math.floor(sorted.length / 2)])} s, `
            + `max ${seconds(sorted[sorted.length - 1])} s; total ${seconds(Date.now() - began)} s`);
    }
    await cleanup();
    fs.writeFileSync(path.join(opt.out, 'starts.csv'), counts.rows.join('\n') + '\n');
    if (counts.idle < counts.starts) log(`kernel log of the starts that failed: ${path.relative(ROOT, server.logFile)}`);
    const passed = results.filter(Boolean).length;
    const failed = results.length - passed;
    process.stdout.write(`browser: ${passed} passed, ${failed} failed; ${counts.starts} kernel starts, `
        + `${counts.idle} idle within ${opt.idleTimeout} s\n`);
    process.exitCode = failed ? 1 : 0;
}

main().catch(async (e) => {
    log(`ERROR: ${e instanceof TestError ? e.message : e.stack || e}`);
    await cleanup();
    process.exitCode = 1;
});
