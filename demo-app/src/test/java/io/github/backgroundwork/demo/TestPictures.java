package io.github.backgroundwork.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Pictures made for tests.
 */
public final class TestPictures {

	private TestPictures() {
	}

	/**
	 * Return a PNG of a gradient with a sun, small when compressed.
	 * @param width the width
	 * @param height the height
	 * @return the PNG's bytes
	 */
	public static byte[] png(int width, int height) {
		return encode(landscape(width, height), "png");
	}

	/**
	 * Return a JPEG of the same landscape.
	 * @param width the width
	 * @param height the height
	 * @return the JPEG's bytes
	 */
	public static byte[] jpeg(int width, int height) {
		return encode(landscape(width, height), "jpg");
	}

	/**
	 * Return a PNG of random noise, which barely compresses.
	 * @param width the width
	 * @param height the height
	 * @return the PNG's bytes
	 */
	public static byte[] noisyPng(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(42);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt());
			}
		}
		return encode(image, "png");
	}

	/**
	 * Return the first bytes of a PNG followed by garbage: it passes for an image until
	 * it is decoded.
	 * @return the bytes
	 */
	public static byte[] truncatedPng() {
		byte[] png = png(400, 300);
		byte[] truncated = Arrays.copyOf(png, 64);
		Arrays.fill(truncated, 33, 64, (byte) 0x5A);
		return truncated;
	}

	private static BufferedImage landscape(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		try {
			for (int y = 0; y < height; y++) {
				graphics.setColor(new Color(40, 90 + (120 * y / height), 200 - (100 * y / height)));
				graphics.drawLine(0, y, width, y);
			}
			graphics.setColor(new Color(250, 200, 60));
			graphics.fillOval(width / 2, height / 5, width / 5, width / 5);
			graphics.setColor(new Color(30, 110, 50));
			graphics.fillRect(0, height * 3 / 4, width, height / 4);
		}
		finally {
			graphics.dispose();
		}
		return image;
	}

	private static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
