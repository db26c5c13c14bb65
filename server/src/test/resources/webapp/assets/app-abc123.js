console.log("castiel test app");
