// A small program for node --cpu-prof / --heap-prof: named, anonymous and
// nested functions, allocation of a few kinds, enough work for samples.
'use strict';

function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

function makeStrings(count) {
  const out = [];
  for (let i = 0; i < count; i++) out.push('item-' + i + '-' + 'x'.repeat(i % 64));
  return out;
}

class Shape {
  constructor(w, h) { this.w = w; this.h = h; }
  area() { return this.w * this.h; }
}

function shapes(count) {
  const list = [];
  for (let i = 0; i < count; i++) list.push(new Shape(i, i + 1));
  return list.reduce((sum, s) => sum + s.area(), 0);
}

const sortNumbers = function (count) {
  const a = [];
  for (let i = 0; i < count; i++) a.push((i * 7919) % 10007);
  return a.sort((x, y) => x - y)[0];
};

let total = 0;
const keep = [];
const deadline = Date.now() + 1500;
while (Date.now() < deadline) {
  total += fib(22);
  keep.push(makeStrings(2000));
  total += shapes(5000);
  total += (() => sortNumbers(20000))();
  if (keep.length > 20) keep.shift();
}
console.log(total > 0 ? 'done' : 'none');
