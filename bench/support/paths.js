'use strict';
const { resolve } = require('node:path');

module.exports = { ROOT: resolve(__dirname, '..', '..') };
