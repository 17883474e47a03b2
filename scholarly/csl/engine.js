/*
 * Bridge between Python (mini-racer / V8) and citeproc-js.
 *
 * Load order inside one V8 context (done by scholarly/csl/_engine.py):
 *   1. the CommonJS shim below (PRELUDE section) -- citeproc.js ends with
 *      `module.exports = CSL;` and needs a `module` object; there is no
 *      Node.js here (no require, no process, no fs);
 *   2. vendor/citeproc.js (unmodified npm `citeproc` build);
 *   3. the BRIDGE section below, which exposes `CslBridge` on the global.
 *
 * The two sections are separated by the marker line "//@@BRIDGE@@" so the
 * Python side can evaluate them around citeproc.js without editing any file.
 *
 * Rendering protocol (mirrors the canonical citeproc-js usage in
 * tests/fixtures/csl/generate.mjs): one CSL.Engine per style, kept for the
 * life of the context; each render registers the item under a fresh id,
 * calls updateItems([id]) (which also drops the previous item from the
 * engine's registry) and makeBibliography() once per output format.
 */
var module = { exports: {} };
var exports = module.exports;
//@@BRIDGE@@
var CslBridge = (function () {
    "use strict";
    var CSLJS = module.exports;
    var locales = {};   // lang tag -> locale XML string
    var items = {};     // id -> CSL-JSON item (only during a render)
    var engines = {};   // style id -> CSL.Engine
    var counter = 0;
    var missingLocales = [];

    var sys = {
        retrieveLocale: function (lang) {
            if (Object.prototype.hasOwnProperty.call(locales, lang)) {
                return locales[lang];
            }
            if (missingLocales.indexOf(lang) === -1) {
                missingLocales.push(lang);
            }
            // Same behaviour as generate.mjs for a locale file that is absent.
            return false;
        },
        retrieveItem: function (id) {
            return items[id];
        }
    };

    function addLocale(lang, xml) {
        locales[lang] = xml;
        return true;
    }

    function addStyle(styleId, xml, lang) {
        // forceLang=true: the locale given by the Python registry wins over
        // the style's default-locale (they agree for every registered style).
        engines[styleId] = new CSLJS.Engine(sys, xml, lang, true);
        return true;
    }

    function hasStyle(styleId) {
        return Object.prototype.hasOwnProperty.call(engines, styleId);
    }

    function render(styleId, item, formats) {
        var engine = engines[styleId];
        if (!engine) {
            throw new Error("style not loaded in V8 context: " + styleId);
        }
        counter += 1;
        var id = "item-" + counter;
        var copy = JSON.parse(JSON.stringify(item));
        copy.id = id;
        items[id] = copy;
        var out = {};
        try {
            engine.updateItems([id]);
            for (var i = 0; i < formats.length; i++) {
                engine.setOutputFormat(formats[i]);
                var bib = engine.makeBibliography();
                if (!bib) {
                    throw new Error("style has no bibliography: " + styleId);
                }
                out[formats[i]] = {
                    params: {
                        bibstart: bib[0].bibstart,
                        bibend: bib[0].bibend,
                        hangingindent: bib[0].hangingindent,
                        "second-field-align": bib[0]["second-field-align"] || false,
                        entryspacing: bib[0].entryspacing,
                        linespacing: bib[0].linespacing
                    },
                    entries: bib[1]
                };
            }
        } finally {
            delete items[id];
        }
        return out;
    }

    function info() {
        return {
            processorVersion: CSLJS.PROCESSOR_VERSION,
            styles: Object.keys(engines),
            locales: Object.keys(locales),
            missingLocales: missingLocales.slice()
        };
    }

    return {
        addLocale: addLocale,
        addStyle: addStyle,
        hasStyle: hasStyle,
        render: render,
        info: info
    };
}());
