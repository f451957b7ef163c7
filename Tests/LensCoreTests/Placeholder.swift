// Placeholder so the test target builds; replaced as the module lands.
