/** Search methods: single-shot, random, greedy (word importance or hill climbing), beam, genetic. */
package dev.squall.attack.search;
