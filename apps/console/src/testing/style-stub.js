// A view's `import './x.css'` under jest (unit specs rendering views): style sheets mean nothing to react-dom/server.
module.exports = {};
