// Starts the Yew app (wasm-bindgen's glue); kept in a file so the CSP needs no inline script.
import init from '../portal_ui.js';
init({ module_or_path: './portal_ui_bg.wasm' });
