/** In-container tests: the product's bundles in a real Felix, driven through their services and Gogo commands. */
package mobility.itest;
